/** `sweeptop best [DIR] [--json]`: the winner, and the exact command to run it again (several objectives: best-front.ts). */
import { decodeNumber, encodeNumber, type JsonNumber } from '../../plugin-api/json-number.js';
import { winnerDistinction } from '../output/distinction-json.js';
import { formatBudget } from '../../engine/budget/levels.js';
import { bestTrial, budgetLevel, exportRow } from '../../engine/state/export-rows.js';
import { loadSweep, UNRECORDED_OBJECTIVE } from '../../engine/state/load-sweep.js';
import { describeStandIn } from '../../engine/metrics/objective.js';
import type { TrialRecord } from '../../engine/state/records.js';
import { paramEnvName } from '../../engine/sweep/launch-spec.js';
import { formatValue, quoteArgv } from '../../engine/template/command.js';
import { parseCommandArgs } from '../args/parse.js';
import { BEST } from '../command-table.js';
import { newestSweepHere } from '../default-sweep.js';
import { formatMetric, formatParams } from '../format.js';
import { printNotices, println, type CommandIO } from '../io.js';
import { safeText } from '../../ui/format/safe-text.js';
import { rerunLines } from '../rerun.js';
import { versioned } from '../output/json-output.js';
import { BEST_JSON } from '../output/shapes.js';
import { printFront } from './best-front.js';

/** ` ± 0.006 over 5 folds` for a trial whose objective combines folds (` over 15 runs` for folds × repeats). */
function spreadText(trial: TrialRecord): string {
  const spread = decodeNumber(trial.spread ?? null);
  const what = trial.runs ? 'runs' : 'folds';
  return trial.contexts && trial.contexts > 1 ? ` ± ${formatMetric(spread ?? null)} over ${trial.contexts} ${what}` : '';
}

export async function runBest(args: string[], io: CommandIO): Promise<number> {
  const {
    options: values,
    args: { DIR },
  } = parseCommandArgs(BEST, args);
  const sweep = await loadSweep(DIR ?? (await newestSweepHere(io)), { lookAtProcesses: true });
  printNotices(sweep.notices, io);
  // several objectives have no one winner: their result is the front
  if (sweep.objectives && sweep.objectives.length > 1) return printFront(sweep, sweep.objectives, values.json, io);
  const metric = sweep.metric ?? UNRECORDED_OBJECTIVE;
  const best = bestTrial(sweep.trials, metric.goal);
  if (!best) {
    io.stderr.write(`no completed trial with a ${metric.name} yet\n`);
    if (values.json) println(io.stdout, 'null');
    return values.json ? 0 : 1;
  }
  const metrics: Record<string, JsonNumber> = {};
  const stored = best.lastMetrics ?? {};
  for (const [name, value] of Object.entries(stored)) metrics[name] = value;
  if (Object.keys(metrics).length === 0) {
    for (const point of await sweep.points(best.id)) metrics[point.name] = encodeNumber(point.value);
  }
  const env = Object.fromEntries(Object.entries(best.params).map(([k, v]) => [paramEnvName(k), formatValue(v)]));
  const distinction = await winnerDistinction(sweep, metric, best);
  // only a trial that completed the top level competes for best: its level is the top
  const levels = sweep.config?.budget?.levels ?? null;
  const ladder = budgetLevel(best, levels);
  const result = {
    ...exportRow(best, levels),
    metrics,
    argv: best.argv,
    command: quoteArgv(best.argv),
    cwd: best.cwd,
    env,
    distinction,
  };
  if (values.json) {
    println(io.stdout, JSON.stringify(versioned(BEST_JSON, 'best', result), null, 2));
    return 0;
  }
  println(
    io.stdout,
    `best trial: ${best.id}  ${metric.name} ${formatMetric(decodeNumber(best.objective) ?? null)} (${metric.goal})${ladder ? ` at budget ${formatBudget(ladder.budget)} (level ${ladder.level})` : spreadText(best)}`,
  );
  if (best.objectiveSource) println(io.stdout, `objective: ${describeStandIn(best.objectiveSource, metric.name)}`);
  if (distinction !== null) println(io.stdout, distinction.statement);
  // a trial's parameter values, metric names and command: shown, never obeyed, by the terminal
  println(io.stdout, safeText(`params:  ${formatParams(best.params)}`));
  println(
    io.stdout,
    safeText(
      `metrics: ${Object.entries(metrics)
        .map(([k, v]) => `${k}=${formatMetric(v)}`)
        .join(' ')}`,
    ),
  );
  for (const line of rerunLines(
    best.cwd,
    result.command,
    (best.runs ?? []).map((run) => ({ key: run.key, command: quoteArgv(run.argv) })),
  ))
    println(io.stdout, safeText(line));
  return 0;
}
