/** `sweeptop analyze [DIR] [--json]`: which parameters matter, where the good region is, the top trials; each objective of several in turn. */
import { decodeNumber, encodeNullableNumber } from '../../plugin-api/json-number.js';
import type { SearchSpace } from '../../plugin-api/space.js';
import { recordedObjectives } from '../../engine/objectives/recorded.js';
import type { TrialRecord } from '../../engine/state/records.js';
import { type BestRegion, importanceReport } from '../../engine/analysis/importance-report.js';
import { exportRow } from '../../engine/state/export-rows.js';
import { loadSweep, type Objective, UNRECORDED_OBJECTIVE } from '../../engine/state/load-sweep.js';
import { safeText } from '../../ui/format/safe-text.js';
import { parseCommandArgs } from '../args/parse.js';
import { ANALYZE } from '../command-table.js';
import { newestSweepHere } from '../default-sweep.js';
import { formatMetric, formatParams } from '../format.js';
import { printNotices, println, type CommandIO } from '../io.js';
import { versioned } from '../output/json-output.js';
import { ANALYZE_JSON } from '../output/shapes.js';

const BAR_WIDTH = 30;

export async function runAnalyze(args: string[], io: CommandIO): Promise<number> {
  const {
    options: values,
    args: { DIR },
  } = parseCommandArgs(ANALYZE, args);
  const sweep = await loadSweep(DIR ?? (await newestSweepHere(io)), { lookAtProcesses: true });
  printNotices(sweep.notices, io);
  const metric = sweep.metric ?? UNRECORDED_OBJECTIVE;
  const objectives = sweep.objectives ?? [metric];
  const space = sweep.config?.parameters ?? [];
  const levels = sweep.config?.budget?.levels ?? null;
  // one analysis per objective: which parameters matter for accuracy need not be those for latency
  const analyses = objectives.map((objective, i) => analysis(objectiveTrials(sweep.trials, i), space, objective, levels));
  if (values.json) {
    const result = { ...analyses[0], ...(analyses.length > 1 && { by_objective: analyses }) };
    println(io.stdout, JSON.stringify(versioned(ANALYZE_JSON, 'analysis', result), null, 2));
    return 0;
  }
  for (const [i, one] of analyses.entries()) {
    if (analyses.length > 1) println(io.stdout, `${i === 0 ? '' : '\n'}── objective ${i + 1} of ${analyses.length}: ${one.metric.name} ──`);
    printAnalysis(one, io);
  }
  return 0;
}

/** The trials with objective `index`'s value as their objective (the first: as recorded). */
function objectiveTrials(trials: readonly TrialRecord[], index: number): TrialRecord[] {
  if (index === 0) return [...trials];
  return trials.map((trial) => ({ ...trial, objective: encodeNullableNumber(recordedObjectives(trial)[index]) }));
}

type Analysis = ReturnType<typeof analysis>;

function analysis(trials: readonly TrialRecord[], space: SearchSpace, metric: Objective, levels: readonly number[] | null) {
  const report = importanceReport(trials, space, metric.goal);
  const { importance } = report;
  return {
    metric: { name: metric.name, goal: metric.goal },
    completed: importance.completed,
    importance: importance.computed
      ? { computed: true, reason: null, parameters: importance.importances, absent: importance.absent }
      : { computed: false, reason: importance.reason, parameters: [], absent: [] },
    region_trials: report.regionTrials,
    regions: report.regions,
    top: report.top.map((t) => exportRow(t, levels)),
  };
}

function printAnalysis(result: Analysis, io: CommandIO): void {
  const { metric, importance, regions, top } = result;
  println(io.stdout, `${result.completed} completed trials, ${metric.name} (${metric.goal})`);
  println(io.stdout, '');
  println(io.stdout, 'importance (fANOVA, as Optuna computes it):');
  if (!importance.computed) println(io.stdout, `  none: ${importance.reason}`);
  else {
    const width = Math.max(...importance.parameters.map((i) => i.name.length));
    for (const { name, importance: share } of importance.parameters)
      println(io.stdout, safeText(`  ${name.padEnd(width)}  ${bar(share)} ${(share * 100).toFixed(1).padStart(5)} %`));
    if (importance.absent.length > 0)
      println(io.stdout, safeText(`  not scored (absent from some trials by their when:): ${importance.absent.join(', ')}`));
  }
  if (regions.length > 0) {
    println(io.stdout, '');
    println(io.stdout, `best region (the best ${result.region_trials} completed trial${result.region_trials === 1 ? '' : 's'}):`);
    const width = Math.max(...regions.map((r) => r.name.length));
    for (const region of regions) println(io.stdout, safeText(`  ${region.name.padEnd(width)}  ${describeRegion(region)}`));
  }
  if (top.length > 0) {
    println(io.stdout, '');
    println(io.stdout, `top ${top.length} trials:`);
    for (const t of top)
      println(
        io.stdout,
        safeText(`  ${String(t.id).padStart(4)}  ${formatMetric(decodeNumber(t.objective) ?? null)}  ${formatParams(t.params)}`),
      );
  }
}

function bar(share: number): string {
  const cells = Math.round(share * BAR_WIDTH);
  return `${'█'.repeat(cells)}${' '.repeat(BAR_WIDTH - cells)}`;
}

function describeRegion(region: BestRegion): string {
  if (region.kind === 'range') return `${formatMetric(region.low)} … ${formatMetric(region.high)} (median ${formatMetric(region.median)})`;
  return region.shares.map((s) => `${String(s.value)} ${Math.round(s.share * 100)} %`).join(', ');
}
