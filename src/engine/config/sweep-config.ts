/**
 * The sweep file as the engine uses it: the checked file (schema/sweep-file.ts, where every
 * field is documented) with the names the code uses, paths absolute, durations in milliseconds,
 * and null for what was left out.
 */
import { basename, dirname, extname, resolve } from 'node:path';
import { budgetLevels } from '../budget/levels.js';
import { runsPruningSettings } from './runs-pruning.js';
import type { SweepFile } from './schema/sweep-file.js';
import type { SweepParameter } from './conditions.js';

/** The checked file, its parameters' conditions parsed (conditions.ts). */
export type CheckedSweepFile = Omit<SweepFile, 'parameters'> & { parameters: SweepParameter[] };

/** `file` is the sweep file as the user named it (for messages), `path` its absolute path. */
export function toSweepConfig(checked: CheckedSweepFile, file: string, path: string) {
  /** Relative paths in the sweep file are relative to its folder. */
  const baseDir = dirname(path);
  return {
    file,
    path,
    baseDir,
    name: checked.name ?? basename(path, extname(path)),
    command: checked.command,
    shell: checked.shell,
    cwd: resolve(baseDir, checked.cwd),
    env: checked.env,
    parameters: checked.parameters,
    sampler: checked.sampler,
    seed: checked.seed,
    /** Earlier sweep directories, absolute, for the sampler's history (sweep/warm-start.ts). */
    warmStart: checked.warm_start.map((dir) => resolve(baseDir, dir)),
    /** The `enqueue:` file, absolute: read once when the sweep is created (enqueue-file.ts), never on resume. */
    enqueue: checked.enqueue === undefined ? null : resolve(baseDir, checked.enqueue),
    trials: checked.trials ?? null,
    parallel: checked.parallel,
    gpus: checked.gpus ?? null,
    gpusPerTrial: checked.gpus_per_trial,
    folds: checked.folds ?? null,
    repeats: checked.repeats ?? null,
    runsParallel: checked.runs_parallel,
    runsFromEnv: checked.runs_from_env,
    /** Budget levels (a budget sweep); null otherwise. */
    budget: checked.budget ? budgetSettings(checked.budget) : null,
    /** Pruning across runs' gates; null when it is off (always in a budget sweep: its runs are levels, not peers). */
    runsPruning: checked.budget ? null : runsPruningSettings(checked.runs_pruning, checked.pruner.type),
    /** Every objective, in the order written: one for most sweeps, 2 or more for a multi-objective one. */
    objectives: checked.metric,
    /** The first objective: what samplers, pruners and single-objective readers judge by. */
    metric: checked.metric[0],
    argsStyle: checked.args_style,
    timeoutMs: checked.timeout ?? null,
    stallTimeoutMs: checked.stall_timeout ?? null,
    graceMs: checked.grace,
    killMode: checked.kill_mode,
    retries: checked.retries,
    maxDurationMs: checked.max_duration ?? null,
    stopWhen: checked.stop_when ?? null,
    maxFailures: checked.max_failures ?? null,
    pruner: checked.pruner,
    executor: checked.executor,
    plugins: checked.plugins.map((module) => resolve(baseDir, module)),
    metrics: checked.metrics,
    parsers: checked.parsers,
    logs: checked.logs,
    /** Each event's hook, as written (`{command, shell, timeout}` in milliseconds); compiled in load.ts. */
    hooks: checked.hooks,
  };
}

export type SweepConfig = ReturnType<typeof toSweepConfig>;

/** Whole-number budgets (epochs) when min and max are both integers; the levels computed once. */
function budgetSettings(budget: NonNullable<SweepFile['budget']>) {
  const integer = Number.isInteger(budget.min) && Number.isInteger(budget.max);
  const spec = { min: budget.min, max: budget.max, reductionFactor: budget.reduction_factor, integer };
  return { ...spec, schedule: budget.schedule, levels: budgetLevels(spec) };
}

export type BudgetSettings = ReturnType<typeof budgetSettings>;
