/**
 * Headless output: one line per trial event, a progress line every few seconds, and the best
 * trials at the end. Just another listener of the engine's events.
 */
import type { SweepClient } from '../engine/client.js';
import type { RunSnapshot, SweepSnapshot, TrialSnapshot } from '../engine/events.js';
import { exportRow, type ExportRunRow } from '../engine/state/export-rows.js';
import type { TrialRecord } from '../engine/state/records.js';
import { encodeNullableNumber } from '../plugin-api/json-number.js';
import { isFinished } from '../plugin-api/trial-state.js';
import { trialTable } from './commands/status.js';
import { formatMetric, formatParams } from './format.js';
import { safeText } from '../ui/format/safe-text.js';
import { println } from './io.js';
import { rerunLines } from './rerun.js';
import { frontOf } from '../engine/objectives/recorded.js';
import type { ObjectiveSpec } from '../engine/metrics/objective.js';

export const PROGRESS_INTERVAL_MS = 10_000;

export function attachHeadlessReporter(client: SweepClient, out: NodeJS.WritableStream, progressMs = PROGRESS_INTERVAL_MS): () => void {
  const metricName = client.snapshot().metric.name;
  const objectiveNames = (client.snapshot().objectives ?? []).map((objective) => objective.name);
  // every line may carry a trial's text (its parameters, why it ended, its last stderr line)
  const line = (text: string) => println(out, `${new Date().toTimeString().slice(0, 8)} ${safeText(text)}`);
  const promotionsSaid = new Set<string>();
  const unsubscribe = [
    client.on('trial:updated', ({ trial, previousState }) => {
      for (const said of promotionLines(trial, promotionsSaid)) line(said);
      if (trial.state === 'running' && (previousState === 'queued' || previousState === 'pending' || previousState === null)) {
        line(
          `trial ${trial.id} started${trial.attempt ? ` (attempt ${trial.attempt + 1})` : ''}${trial.gpus ? ` on GPU ${trial.gpus.join(',')}` : ''}  ${formatParams(trial.params)}`,
        );
      } else if (trial.state === 'paused' && previousState === 'running') line(`trial ${trial.id} paused`);
      else if (trial.state === 'running' && previousState === 'paused') line(`trial ${trial.id} resumed`);
      else if (trial.state === 'queued' && previousState !== null && isFinished(previousState)) line(`trial ${trial.id} queued again`);
    }),
    client.on('trial:ended', ({ trial }) => line(describeEnd(trial, metricName, objectiveNames))),
    client.on('sweep:message', ({ level, text }) => line(level === 'info' ? text : `${level}: ${text}`)),
    client.on('sweep:intervention', (i) =>
      line(`${i.by}: ${i.command}${i.trialId !== null ? ` trial ${i.trialId}` : ''}${i.detail ? ` ${i.detail}` : ''}`),
    ),
  ];
  const timer = setInterval(() => line(progressLine(client.snapshot())), progressMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    for (const off of unsubscribe) off();
  };
}

/**
 * A budget sweep's promotions not said yet, one line each: `trial 4 promoted to budget 0.333
 * (0.912, 2nd of 9)`, the result it went on with and its rank among those judged with it.
 */
function promotionLines(trial: TrialSnapshot, said: Set<string>): string[] {
  const lines: string[] = [];
  for (const run of trial.runs ?? []) {
    const key = `${trial.id}/${run.index}`;
    if (!run.promotion || said.has(key)) continue;
    said.add(key);
    const { value, rank, of } = run.promotion;
    lines.push(`trial ${trial.id} promoted to ${run.key} (${formatMetric(value)}, ${ordinal(rank)} of ${of})`);
  }
  return lines;
}

/** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st. */
function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** `objectiveNames`: a sweep of several objectives' (each value is said); otherwise empty. */
function describeEnd(trial: TrialSnapshot, metricName: string, objectiveNames: readonly string[] = []): string {
  const value = trial.objectives
    ? `  ${objectiveNames.map((name, i) => `${name}=${formatMetric(trial.objectives![i] ?? null)}`).join(' ')}`
    : trial.objective === null
      ? ''
      : `  ${metricName}=${formatMetric(trial.objective)} (best ${formatMetric(trial.best)})`;
  const time = `  ${(trial.runtimeMs / 1000).toFixed(1)}s`;
  return `trial ${trial.id} ${trial.state}${value}${time}${trial.reason ? `  — ${trial.reason}` : ''}${trial.state === 'failed' ? lastWords(trial) : ''}`;
}

/** A failed trial's last line of stderr (a traceback ends with the error): what to fix first. */
function lastWords(trial: TrialSnapshot): string {
  const last = trial.stderrTail.findLast((line) => line.trim() !== '')?.trim();
  if (!last) return '';
  return `: ${last.length > 160 ? `${last.slice(0, 159)}…` : last}`;
}

export function progressLine(snapshot: SweepSnapshot): string {
  const done = snapshot.trials.filter((t) => isFinished(t.state)).length;
  const running = snapshot.trials.filter((t) => t.state === 'running' || t.state === 'pending').length;
  const paused = snapshot.trials.filter((t) => t.state === 'paused').length;
  const best = snapshot.trials.find((t) => t.id === snapshot.bestTrialId);
  const objectives = snapshot.objectives ?? [snapshot.metric];
  const bestText =
    objectives.length > 1
      ? `Pareto front ${frontOf(snapshot.trials.map(toRecord), objectives).front.length} trials`
      : best
        ? `best ${snapshot.metric.name} ${formatMetric(best.objective)} (trial ${best.id})`
        : 'no best yet';
  return `progress ${done}/${snapshot.trialsTarget} done, ${running} running${paused ? `, ${paused} paused` : ''}, ${bestText}`;
}

/** The closing summary: why the sweep ended, its best 5 trials, and how to run the winner again. */
export function printSummary(snapshot: SweepSnapshot, out: NodeJS.WritableStream): void {
  println(out, progressLine(snapshot));
  if (snapshot.stopReason) println(out, `finished: ${safeText(snapshot.stopReason)}`);
  const objectives = snapshot.objectives ?? [snapshot.metric];
  if (objectives.length > 1) printFront(snapshot, objectives, out);
  else printBest(snapshot, out);
  println(out, `\nsweep directory: ${safeText(snapshot.dir)}`);
}

/** A sweep of several objectives ends on its Pareto front: no one winner (see `sweeptop best`). */
function printFront(snapshot: SweepSnapshot, objectives: readonly ObjectiveSpec[], out: NodeJS.WritableStream): void {
  const records = snapshot.trials.map(toRecord);
  const { front, incomplete } = frontOf(records, objectives);
  if (front.length === 0) println(out, `no completed trial reported every objective: ${objectives.map((o) => o.name).join(', ')}`);
  else {
    println(
      out,
      `\nPareto front: ${front.length} of ${snapshot.trials.length} trials, none beaten in every objective (${objectives.map((o) => `${o.name} ${o.goal}`).join(', ')}):`,
    );
    const rows = front.map((t) => exportRow(t, null, objectives));
    println(
      out,
      trialTable(
        rows,
        objectives.map((o) => o.name),
        new Set(rows.map((r) => r.id)),
      ),
    );
  }
  if (incomplete.length > 0)
    println(
      out,
      `not on the front: trials ${incomplete.map((t) => t.id).join(', ')} completed without every objective (cannot be compared)`,
    );
  println(out, `\nthe commands to run them again: sweeptop best ${safeText(snapshot.dir)}`);
}

function printBest(snapshot: SweepSnapshot, out: NodeJS.WritableStream): void {
  const goal = snapshot.metric.goal === 'minimize' ? 1 : -1;
  const ranked = snapshot.trials
    .filter((t) => t.state === 'completed' && t.objective !== null && !Number.isNaN(t.objective))
    .sort((a, b) => goal * (a.objective! - b.objective!) || a.id - b.id)
    .slice(0, 5);
  if (ranked.length === 0) {
    println(out, `no completed trial reported ${snapshot.metric.name}`);
  } else {
    println(out, `\nbest ${ranked.length} of ${snapshot.trials.length} trials by ${snapshot.metric.name} (${snapshot.metric.goal}):`);
    println(
      out,
      trialTable(
        ranked.map((t) => ({ ...exportRow(toRecord(t)), ...(t.runs && { runs: t.runs.map(exportRun) }) })),
        [snapshot.metric.name],
        new Set(snapshot.bestTrialId === null ? [] : [snapshot.bestTrialId]),
      ),
    );
    const winner = ranked.find((t) => t.id === snapshot.bestTrialId) ?? ranked[0];
    println(out, `\nthe winner: trial ${winner.id}, ${snapshot.metric.name} ${formatMetric(winner.objective)}`);
    for (const line of rerunLines(winner.cwd, winner.command, winner.runs)) println(out, safeText(line));
  }
}

/** A run as `status` shows it: its state counts towards `(k/N)` beside its trial's objective. */
function exportRun(run: RunSnapshot): ExportRunRow {
  return {
    index: run.index,
    key: run.key,
    state: run.state,
    objective: encodeNullableNumber(run.objective),
    exit_code: run.exitCode,
    duration_s: Math.round(run.runtimeMs) / 1000,
    reason: run.reason,
  };
}

function toRecord({ runs: _runs, ...t }: TrialSnapshot): TrialRecord {
  return {
    ...t,
    host: t.host ?? undefined,
    handle: null,
    objective: encodeNullableNumber(t.objective),
    best: encodeNullableNumber(t.best),
    spread: encodeNullableNumber(t.spread),
    objectiveSource: t.objectiveSource ?? undefined,
    objectives: t.objectives?.map(encodeNullableNumber),
    silentSince: t.silentSince ?? undefined,
    etaMs: t.etaMs ?? undefined,
  };
}
