/**
 * Turns a validated sweep file into a runnable sweep: loads user plugin modules, creates the
 * sampler, pruner and executor, compiles metric rules and the parser list. A plugin's complaint
 * about its options becomes a ConfigError pointing at that option in the sweep file.
 */
import type { ExecutorPlugin } from '../../plugin-api/executor.js';
import { loadRegistry, PluginLoadError } from '../../../plugins/registry.js';
import type { SamplerPlugin } from '../../plugin-api/sampler.js';
import { PluginOptionError } from '../../plugin-api/errors.js';
import { watchLogSources } from '../logs/sources/watch.js';
import { parseLogPatterns } from '../logs/sources/glob.js';
import { OutputMetrics } from '../metrics/output-metrics.js';
import { createParsers, resolveParsers } from '../metrics/parser-list.js';
import { compileMetricRules } from '../metrics/rules.js';
import type { ResolvedSweep } from '../sweep/resolved.js';
import type { LoadedConfig } from './load.js';
import type { ConfigSource, FieldPath } from './source.js';
import { severalObjectivesSamplerError } from './several-objectives.js';

/** Option paths that start here are absolute in the sweep file, not relative to the plugin. */
const ABSOLUTE_ROOTS = new Set(['parameters', 'metrics', 'parsers', 'plugins', 'logs', 'kill_mode']);

export interface ResolveOptions {
  sweepDir?: string;
  /** For executors that must stop submissions (Slurm's repeated sbatch errors): the sweep's own. */
  stopLaunching?: (reason: string) => void;
}

export async function resolveSweep(loaded: LoadedConfig, configText: string, options: ResolveOptions = {}): Promise<ResolvedSweep> {
  const { config, command, hooks, source } = loaded;
  const registry = await located(source, [], () => loadRegistry(config.plugins));
  const sampler = located(source, ['sampler'], () =>
    registry.get<SamplerPlugin>('sampler', config.sampler.type, 'type').create(config.sampler.options, {
      space: config.parameters,
      goal: config.metric.goal,
      goals: config.objectives.map((objective) => objective.goal),
      seed: config.seed,
    }),
  );
  if (config.objectives.length > 1 && (sampler.readsObjectives ?? 'first') === 'first') {
    throw source.error(['sampler'], severalObjectivesSamplerError(config.sampler.type));
  }
  const trialsTarget = config.trials ?? sampler.size?.() ?? 0;
  if (trialsTarget < 1) throw source.error(['trials'], 'missing: expected the number of trials to run');
  const pruner =
    config.pruner.type === 'none'
      ? null
      : located(source, ['pruner'], () =>
          registry.createPruner(
            { type: config.pruner.type, ...config.pruner.options },
            { metricName: config.metric.name, goal: config.metric.goal },
          ),
        );
  if (config.killMode === 'cgroup' && config.executor.type !== 'local') {
    throw source.error(['kill_mode'], `cgroup works with the local executor only, not ${config.executor.type}`);
  }
  const executor = located(source, ['executor'], () =>
    registry.get<ExecutorPlugin>('executor', config.executor.type, 'type').create(config.executor.options, {
      sweepDir: options.sweepDir ?? '',
      baseDir: config.baseDir,
      gpusPerTrial: config.gpusPerTrial,
      killMode: config.killMode,
      stopLaunching: (reason) => options.stopLaunching?.(reason),
    }),
  );
  const rules = located(source, [], () => compileMetricRules(config.metrics));
  const parsers = located(source, [], () => resolveParsers(config.parsers, registry.list('parser')));
  located(source, ['parsers'], () => createParsers(parsers));
  const logs = located(source, [], () => parseLogPatterns(config.logs));
  return {
    config,
    command,
    hooks,
    configText,
    sampler,
    warmStart: null,
    trialsTarget,
    pruner,
    executor,
    pluginNotes: registry.notes,
    createLineMetrics: (params) =>
      new OutputMetrics({
        parsers: createParsers(parsers),
        rules,
        params,
        objectiveName: config.objectives.map((objective) => objective.name),
      }),
    followLogs:
      logs.length === 0
        ? null
        : (follow) => watchLogSources({ ...follow, patterns: logs, createParsers: () => createParsers(parsers), rules }),
  };
}

function located<T>(source: ConfigSource, base: FieldPath, create: () => T): T;
function located<T>(source: ConfigSource, base: FieldPath, create: () => Promise<T>): Promise<T>;
function located<T>(source: ConfigSource, base: FieldPath, create: () => T | Promise<T>): T | Promise<T> {
  const map = (error: unknown): never => {
    throw toConfigError(source, base, error);
  };
  try {
    const result = create();
    return result instanceof Promise ? result.catch(map) : result;
  } catch (error) {
    return map(error);
  }
}

function toConfigError(source: ConfigSource, base: FieldPath, error: unknown): unknown {
  if (error instanceof PluginLoadError) return source.error(['plugins', error.index], error.message);
  if (!(error instanceof PluginOptionError)) return error;
  const path = parseOptionPath(error.option);
  const absolute = typeof path[0] === 'string' && ABSOLUTE_ROOTS.has(path[0]);
  const full = absolute ? path : [...base, ...path];
  // `sampler: tpee` has no `type` key to point at: name the field itself
  if (full.at(-1) === 'type' && !source.has(full)) full.pop();
  return source.error(full, error.detail);
}

/** `metrics[0].regex` → ['metrics', 0, 'regex']. */
function parseOptionPath(option: string): Array<string | number> {
  const parts: Array<string | number> = [];
  for (const match of option.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) parts.push(match[2] !== undefined ? Number(match[2]) : match[1]);
  return parts;
}
