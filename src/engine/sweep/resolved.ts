/** A sweep file with its plugins created: everything the engine needs to run it. */
import type { Params } from '../../plugin-api/space.js';
import type { Executor } from '../../plugin-api/executor.js';
import type { Pruner } from '../../plugin-api/pruner.js';
import type { Sampler } from '../../plugin-api/sampler.js';
import type { SweepConfig } from '../config/types.js';
import type { WarmStart } from './warm-start.js';
import type { CompiledCommand } from '../template/command.js';
import type { CompiledHooks } from '../config/hook-commands.js';
import type { LineMetrics } from '../trial/trial-run.js';
import type { LogSourceOptions, LogSources } from '../logs/sources/watch.js';

export interface ResolvedSweep {
  config: SweepConfig;
  command: CompiledCommand;
  /** The sweep file's hooks, compiled; run by a listener of the sweep's events (cli/hooks/). */
  hooks: CompiledHooks;
  /** The sweep file's text, stored with the sweep so it can be resumed as it was. */
  configText: string;
  sampler: Sampler;
  /** Earlier sweeps' trials the sampler sees first; null without a warm start. */
  warmStart: WarmStart | null;
  /** `trials`, or the grid's size. */
  trialsTarget: number;
  /** null when no pruner is configured (`none`). */
  pruner: Pruner | null;
  executor: Executor;
  /** One line per built-in plugin that a user plugin replaced, for the user to see once. */
  pluginNotes: readonly string[];
  /**
   * A fresh reader per trial: parsers keep per-trial state such as the current epoch, and the
   * trial's parameters tell its echoed configuration from its metrics.
   */
  createLineMetrics(params: Params): LineMetrics;
  /** Follows the sweep file's `logs:` files for one trial; null when there are none. */
  followLogs: ((follow: FollowLogs) => LogSources) | null;
}

/** What the engine supplies per trial to follow its `logs:` files. */
export type FollowLogs = Pick<LogSourceOptions, 'cwd' | 'vars' | 'offsets' | 'onPoints' | 'onProblem'>;
