/** `sweeptop analyze [DIR] [--json]`: which parameters matter, where the good region is, the top trials. */
import { decodeNumber } from '../../plugin-api/json-number.js';
import { type BestRegion, importanceReport } from '../../engine/analysis/importance-report.js';
import { exportRow } from '../../engine/state/export-rows.js';
import { loadSweep, UNRECORDED_OBJECTIVE } from '../../engine/state/load-sweep.js';
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
  const space = sweep.config?.parameters ?? [];
  const report = importanceReport(sweep.trials, space, metric.goal);
  const { importance } = report;
  if (values.json) {
    const levels = sweep.config?.budget?.levels ?? null;
    const result = {
      metric: { name: metric.name, goal: metric.goal },
      completed: importance.completed,
      importance: importance.computed
        ? { computed: true, reason: null, parameters: importance.importances, absent: importance.absent }
        : { computed: false, reason: importance.reason, parameters: [], absent: [] },
      region_trials: report.regionTrials,
      regions: report.regions,
      top: report.top.map((t) => exportRow(t, levels)),
    };
    println(io.stdout, JSON.stringify(versioned(ANALYZE_JSON, 'analysis', result), null, 2));
    return 0;
  }
  println(io.stdout, `${importance.completed} completed trials, ${metric.name} (${metric.goal})`);
  println(io.stdout, '');
  println(io.stdout, 'importance (fANOVA, as Optuna computes it):');
  if (!importance.computed) println(io.stdout, `  none: ${importance.reason}`);
  else {
    const width = Math.max(...importance.importances.map((i) => i.name.length));
    for (const { name, importance: share } of importance.importances)
      println(io.stdout, safeText(`  ${name.padEnd(width)}  ${bar(share)} ${(share * 100).toFixed(1).padStart(5)} %`));
    if (importance.absent.length > 0)
      println(io.stdout, safeText(`  not scored (absent from some trials by their when:): ${importance.absent.join(', ')}`));
  }
  if (report.regions.length > 0) {
    println(io.stdout, '');
    println(io.stdout, `best region (the best ${report.regionTrials} completed trial${report.regionTrials === 1 ? '' : 's'}):`);
    const width = Math.max(...report.regions.map((r) => r.name.length));
    for (const region of report.regions) println(io.stdout, safeText(`  ${region.name.padEnd(width)}  ${describeRegion(region)}`));
  }
  if (report.top.length > 0) {
    println(io.stdout, '');
    println(io.stdout, `top ${report.top.length} trials:`);
    for (const t of report.top)
      println(
        io.stdout,
        safeText(`  ${String(t.id).padStart(4)}  ${formatMetric(decodeNumber(t.objective) ?? null)}  ${formatParams(t.params)}`),
      );
  }
  return 0;
}

function bar(share: number): string {
  const cells = Math.round(share * BAR_WIDTH);
  return `${'█'.repeat(cells)}${' '.repeat(BAR_WIDTH - cells)}`;
}

function describeRegion(region: BestRegion): string {
  if (region.kind === 'range') return `${formatMetric(region.low)} … ${formatMetric(region.high)} (median ${formatMetric(region.median)})`;
  return region.shares.map((s) => `${String(s.value)} ${Math.round(s.share * 100)} %`).join(', ');
}
