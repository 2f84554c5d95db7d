/** The sweep file, validated and normalised. Paths are absolute; durations are milliseconds. */
import type { Goal } from '../../plugin-api/plugin.js';
import type { Parameter } from '../../plugin-api/space.js';
import type { StopCondition } from './stop-when.js';

/** A plugin choice as written: `sampler: tpe` or `sampler: {type: tpe, n_startup_trials: 20}`. */
export interface PluginChoice {
  type: string;
  options: Record<string, unknown>;
}

export type CommandTemplate = { kind: 'string'; text: string } | { kind: 'argv'; items: string[] };

export interface SweepConfig {
  /** The sweep file as the user named it (for messages) and its absolute path. */
  file: string;
  path: string;
  /** Folder of the sweep file: relative paths in it are relative to this. */
  baseDir: string;
  name: string;
  command: CommandTemplate;
  /** Run through /bin/sh -c, every substituted value single-quoted. */
  shell: boolean;
  cwd: string;
  env: Record<string, string>;
  parameters: Parameter[];
  sampler: PluginChoice;
  seed: number;
  /** Required except for grid, where the default is the whole grid. */
  trials: number | null;
  parallel: number;
  gpus: string[] | null;
  gpusPerTrial: number;
  metric: { name: string; goal: Goal };
  timeoutMs: number | null;
  graceMs: number;
  retries: number;
  maxDurationMs: number | null;
  stopWhen: StopCondition | null;
  maxFailures: number | null;
  pruner: PluginChoice;
  executor: PluginChoice;
  /** Absolute paths of user plugin modules. */
  plugins: string[];
  /** Raw `metrics:` rules; compiled by the metrics layer. */
  metrics: unknown[];
  /** `parsers:` as written: names, `auto`, or empty for rules only. */
  parsers: string[];
  /** Globs of log files to follow, relative to the trial's cwd, with placeholders. */
  logs: string[];
}
