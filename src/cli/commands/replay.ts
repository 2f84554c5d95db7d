/**
 * `sweeptop replay SOURCE --pruner TYPE [--set key=value]... [--metric NAME]
 *  [--goal minimize|maximize] [--concurrency N] [--reduction-factor η] [--json]`
 *
 * Replays recorded learning curves (a sweep directory or a curves file) through a pruner,
 * offline and deterministically, and reports what it would have done to each trial.
 */
import { stat } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { builtInRegistry, loadRegistry, PluginLoadError, type PluginRegistry } from '../../../plugins/registry.js';
import { readSweepFile } from '../../engine/config/load.js';
import { formatStep } from '../../plugin-api/explain.js';
import type { PrunerSpec } from '../../plugin-api/pruner.js';
import { UserError, describeError } from '../../engine/errors.js';
import { PluginOptionError } from '../../plugin-api/errors.js';
import { readCurvesFile } from '../../engine/pruning/read-curves-file.js';
import { readSweepSource } from '../../engine/pruning/sweep-source.js';
import type { ReplaySource } from '../../engine/pruning/replay-source.js';
import { replay, type ReplaySummary, type ReplayTrialResult } from '../../engine/pruning/replay.js';
import { type ReplayBudget, replayBudget } from '../../engine/pruning/budget-replay.js';
import { formatBudget } from '../../engine/budget/levels.js';
import { parseCommandArgs } from '../args/parse.js';
import { REPLAY } from '../command-table.js';
import { versioned } from '../output/json-output.js';
import { REPLAY_JSON } from '../output/shapes.js';

export interface ReplayIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export async function runReplay(args: string[], io: ReplayIo): Promise<number> {
  try {
    const {
      options: values,
      args: { SOURCE },
    } = parseCommandArgs(REPLAY, args);
    const { concurrency } = values;
    const spec = parseSpec(values.pruner, values.set);

    const source = await readSource(SOURCE, values.metric);
    for (const note of source.notes ?? []) io.stderr.write(`note: ${note}\n`);
    const metricName = values.metric ?? source.metric;
    const goal = values.goal ?? source.goal;
    const why = source.unrecorded ? ` (${source.unrecorded})` : '';
    if (!metricName) throw new UserError(`${SOURCE}: metric: not recorded${why}; give --metric`);
    if (!goal) throw new UserError(`${SOURCE}: goal: not recorded${why}; give --goal`);

    const registry = await replayRegistry(SOURCE, source.plugins ?? [], values.config);
    for (const note of registry.notes) io.stderr.write(`note: ${note}\n`);
    const pruner = buildPruner(registry, spec, { metricName, goal });
    const budget = budgetRules(source.budget ?? null, values['reduction-factor']);
    const options = { metricName, goal, concurrency, acrossRuns: source.acrossRuns };
    const { trials, summary } = budget ? replayBudget(source.curves, pruner, options, budget) : replay(source.curves, pruner, options);
    if (source.skipped.length > 0) {
      io.stderr.write(`note: skipped ${source.skipped.length} unfinished trials (${source.skipped.join(', ')})\n`);
    }
    if (values.json) writeJson(io.stdout, trials, summary);
    else writeTable(io.stdout, trials, summary, `${spec.type} on ${metricName} (${goal}), concurrency ${concurrency}`);
    return 0;
  } catch (error) {
    if (error instanceof UserError) {
      io.stderr.write(`sweeptop replay: ${describeError(error)}\n`);
      return error.exitCode;
    }
    throw error;
  }
}

/** A budget sweep's recorded rules, its promotions keeping the best 1/η given; η only where the recorded levels stay meaningful. */
function budgetRules(recorded: ReplayBudget | null, reductionFactor: number | undefined): ReplayBudget | null {
  if (reductionFactor === undefined) return recorded;
  if (!recorded) throw new UserError('--reduction-factor: SOURCE is not a budget sweep');
  if (recorded.schedule === 'hyperband' && reductionFactor !== recorded.reductionFactor) {
    throw new UserError(
      `--reduction-factor: a hyperband sweep's brackets were drawn with η ${recorded.reductionFactor}; replay keeps them (give ${recorded.reductionFactor} or leave it out)`,
    );
  }
  return { ...recorded, reductionFactor };
}

/** `--set key=value`, the value read as a YAML scalar (`3`, `auto`, `0.5`, `true`). */
function parseSpec(type: string, sets: string[]): PrunerSpec {
  const spec: PrunerSpec = { type };
  for (const item of sets) {
    const equals = item.indexOf('=');
    const key = item.slice(0, equals).trim();
    if (equals < 0 || key === '') throw new UserError(`--set: expected key=value, got "${item}"`);
    if (key === 'type') throw new UserError('--set type: give the pruner type with --pruner');
    try {
      spec[key] = parseYaml(item.slice(equals + 1));
    } catch {
      throw new UserError(`--set ${key}: not a valid YAML value: "${item.slice(equals + 1)}"`);
    }
  }
  return spec;
}

/** The plugins the pruner may come from: built-ins, plus the sweep's own (or --config's) modules. */
async function replayRegistry(sourcePath: string, stored: string[], configFile: string | undefined): Promise<PluginRegistry> {
  let modules = stored;
  let origin = `${sourcePath}/sweep.json: config.plugins`;
  if (configFile !== undefined) {
    modules = (await readSweepFile(configFile)).config.plugins;
    origin = `--config ${configFile}: plugins`;
  }
  if (modules.length === 0) return builtInRegistry();
  try {
    return await loadRegistry(modules);
  } catch (error) {
    if (error instanceof PluginLoadError) throw new UserError(`${origin}[${error.index}]: ${error.message}`);
    throw error;
  }
}

function buildPruner(registry: PluginRegistry, spec: PrunerSpec, context: { metricName: string; goal: 'minimize' | 'maximize' }) {
  try {
    return registry.createPruner(spec, context);
  } catch (error) {
    if (!(error instanceof PluginOptionError)) throw error;
    const flag = error.option === 'type' ? '--pruner' : `--set ${error.option}`;
    throw new UserError(`${flag}: ${error.detail}`, { cause: error });
  }
}

async function readSource(path: string, metricOverride: string | undefined): Promise<ReplaySource> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new UserError(`${path}: no such file or directory`);
  return info.isDirectory() ? readSweepSource(path, metricOverride) : readCurvesFile(path);
}

function writeJson(out: NodeJS.WritableStream, trials: ReplayTrialResult[], summary: ReplaySummary): void {
  const lines = trials.map((trial) =>
    JSON.stringify(
      versioned(REPLAY_JSON, 'trial', {
        id: trial.id,
        pruned: trial.pruned,
        pruned_at_step: trial.prunedAtStep,
        steps_run: trial.stepsRun,
        reason: trial.reason,
        ...(trial.runsRun !== undefined && { runs_run: trial.runsRun, pruned_at_run: trial.prunedAtRun }),
        ...(trial.level !== undefined && { level: trial.level, budget: trial.budget, no_record: trial.noRecord }),
      }),
    ),
  );
  lines.push(
    JSON.stringify(
      versioned(REPLAY_JSON, 'summary', {
        summary: {
          steps_run: summary.stepsRun,
          steps_full: summary.stepsFull,
          saved_fraction: summary.savedFraction,
          best_kept: summary.bestKept,
          best_overall: summary.bestOverall,
          best_survived: summary.bestSurvived,
          ...(summary.runsRun !== undefined && {
            runs_run: summary.runsRun,
            runs_full: summary.runsFull,
            runs_saved_fraction: summary.runsSavedFraction,
          }),
          ...(summary.budgetRun !== undefined && {
            budget_run: summary.budgetRun,
            budget_recorded: summary.budgetRecorded,
            budget_saved_fraction: summary.budgetSavedFraction,
            promotions_without_record: summary.promotionsWithoutRecord,
          }),
        },
      }),
    ),
  );
  out.write(`${lines.join('\n')}\n`);
}

function writeTable(out: NodeJS.WritableStream, trials: ReplayTrialResult[], summary: ReplaySummary, title: string): void {
  const withRuns = summary.runsRun !== undefined;
  const withBudget = summary.budgetRun !== undefined;
  const rows = [
    ['trial', 'steps run', ...(withRuns ? ['runs run'] : []), ...(withBudget ? ['budget'] : []), 'pruned at', 'reason'],
    ...trials.map((trial) => [
      trial.id,
      String(trial.stepsRun),
      ...(withRuns ? [String(trial.runsRun ?? '-')] : []),
      ...(withBudget ? [trial.budget == null ? '-' : formatBudget(trial.budget)] : []),
      prunedAt(trial),
      trial.reason ?? (trial.noRecord ? `would promote to budget ${formatBudget(trial.noRecord.budget)}, no record` : '-'),
    ]),
  ];
  const last = rows[0].length - 1;
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const text = rows.map((row) =>
    row
      .map((cell, column) => (column < last ? cell.padEnd(widths[column]) : cell))
      .join('  ')
      .trimEnd(),
  );
  const pruned = trials.filter((trial) => trial.pruned).length;
  const percent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;
  const best =
    summary.bestOverall === null
      ? 'no completed trial with a value'
      : summary.bestSurvived
        ? `best trial ${summary.bestOverall} survived`
        : `best trial ${summary.bestOverall} was PRUNED; best kept: ${summary.bestKept ?? 'none'}`;
  const runs = withRuns ? `${summary.runsRun} of ${summary.runsFull} runs (saved ${percent(summary.runsSavedFraction ?? 0)}) and ` : '';
  const spent = withBudget
    ? `; ran budget ${formatBudget(summary.budgetRun!)} of ${formatBudget(summary.budgetRecorded!)} recorded (saved ${percent(summary.budgetSavedFraction ?? 0)})` +
      (summary.promotionsWithoutRecord ? `, ${summary.promotionsWithoutRecord} promotions to a level never run left out` : '')
    : '';
  text.push(
    '',
    `${title}: pruned ${pruned} of ${trials.length} trials, ran ${runs}${summary.stepsRun} of ` +
      `${summary.stepsFull} steps (saved ${percent(summary.savedFraction)})${spent}; ${best}`,
  );
  out.write(`${text.join('\n')}\n`);
}

/** `step 3`, or for a trial pruned between its runs, how many it ran (`after 2 runs`). */
function prunedAt(trial: ReplayTrialResult): string {
  if (trial.prunedAtStep !== null) return formatStep(trial.prunedAtStep);
  if (!trial.pruned || trial.prunedAtRun == null) return '-';
  return trial.prunedAtRun === 0 ? 'after 1 run' : `after ${trial.prunedAtRun + 1} runs`;
}
