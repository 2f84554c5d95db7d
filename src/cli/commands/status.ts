/** `sweeptop status [DIR] [--json]`: the trial table, read from disk. */
import { describeWarmStart, summarizeWarmStart } from '../../engine/sweep/warm-start.js';
import { requestSnapshot } from '../../engine/control/client.js';
import { describeStandIn } from '../../engine/metrics/objective.js';
import { freeBytesIn, LOW_SPACE_BYTES, type DiskFullStanding } from '../../engine/state/disk-pressure.js';
import { formatBudget } from '../../engine/budget/levels.js';
import { bestTrial, exportRow, type ExportRow } from '../../engine/state/export-rows.js';
import { loadSweep, UNRECORDED_OBJECTIVE, type StoredSweep } from '../../engine/state/load-sweep.js';
import { frontOf, type FrontReport } from '../../engine/objectives/recorded.js';
import { TRIAL_STATES, type TrialState } from '../../plugin-api/trial-state.js';
import { parseCommandArgs } from '../args/parse.js';
import { STATUS } from '../command-table.js';
import { newestSweepHere } from '../default-sweep.js';
import { formatMetric, formatParams } from '../format.js';
import { printNotices, println, type CommandIO } from '../io.js';
import { versioned } from '../output/json-output.js';
import { STATUS_JSON } from '../output/shapes.js';
import { textTable } from '../text-table.js';
import { sweepEtaMs } from '../../engine/sweep/sweep-eta.js';
import { formatDuration } from '../../plugin-api/duration.js';
import { safeText } from '../../ui/format/safe-text.js';
import type { HookFailure } from '../../engine/events.js';
import type { HookEvent } from '../../engine/config/schema/hooks.js';
import { describeHookFailure } from '../../engine/hooks/describe-failure.js';

/** How long `status` waits for the live controller's word on its disk. */
const LIVE_ANSWER_MS = 3000;

export async function runStatus(args: string[], io: CommandIO): Promise<number> {
  const {
    options: values,
    args: { DIR },
  } = parseCommandArgs(STATUS, args);
  const sweep = await loadSweep(DIR ?? (await newestSweepHere(io)), { lookAtProcesses: true });
  printNotices(sweep.notices, io);
  const metric = sweep.metric ?? UNRECORDED_OBJECTIVE;
  const objectives = sweep.objectives ?? [metric];
  const levels = sweep.config?.budget?.levels ?? null;
  const rows = sweep.trials.map((trial) => exportRow(trial, levels, objectives));
  const counts: Partial<Record<TrialState, number>> = {};
  for (const row of rows) counts[row.state] = (counts[row.state] ?? 0) + 1;
  // several objectives have no one best trial: their result is the Pareto front
  const front = objectives.length > 1 ? frontOf(sweep.trials, objectives) : null;
  const best = front ? null : bestTrial(sweep.trials, metric.goal);
  const bestRow = best ? exportRow(best, levels) : null;
  // why a finished sweep ended (all trials done, a stop rule, or stopped by hand and by whom)
  const stopReason = sweep.status === 'finished' ? (sweep.document?.stopReason ?? null) : null;
  const health = sweepHealth(sweep);
  const diskFull = await liveDiskFull(sweep);
  if (values.json) {
    const disk_full = diskFull && { since: diskFull.since, held_writes: diskFull.heldWrites, dropped_points: diskFull.droppedPoints };
    const status = versioned(STATUS_JSON, 'status', {
      name: sweep.name,
      dir: sweep.dir,
      state: sweep.status,
      stopReason,
      counts,
      ...health,
      disk_full,
      warm_start: sweep.document?.warmStart ? summarizeWarmStart(sweep.document.warmStart) : null,
      best: bestRow,
      last_hook_failure: hookFailureJson(sweep.document?.hookFailure),
      ...(front && { front: front.front.map((trial) => trial.id) }),
      trials: rows,
    });
    println(io.stdout, JSON.stringify(status, null, 2));
    return 0;
  }
  const countText =
    TRIAL_STATES.filter((s) => counts[s])
      .map((s) => `${counts[s]} ${s}`)
      .join(', ') || 'no trials';
  println(io.stdout, safeText(`${sweep.name}  (${describeState(sweep)}${stopReason ? `: ${stopReason}` : ''})  ${sweep.dir}`));
  println(io.stdout, `${rows.length} trials: ${countText}`);
  if (front) for (const line of frontLines(front)) println(io.stdout, line);
  else println(io.stdout, bestRow ? `best: trial ${bestRow.id}, ${metric.name} ${formatMetric(bestRow.objective)}` : 'best: none yet');
  if (sweep.document?.warmStart) println(io.stdout, safeText(describeWarmStart(sweep.document.warmStart)));
  if (diskFull) println(io.stdout, describeDiskFull(diskFull));
  const hookFailure = sweep.document?.hookFailure;
  if (hookFailure)
    println(io.stdout, safeText(`last ${describeHookFailure(hookFailure)} (${new Date(hookFailure.time).toTimeString().slice(0, 8)})`));
  if (health.eta_s !== null || health.silent > 0) println(io.stdout, describeHealth(health));
  const standIn = rows.find((row) => row.objective_source !== null)?.objective_source;
  if (standIn) println(io.stdout, `objective: ${describeStandIn(standIn, metric.name)}`);
  if (sweep.status === 'stopped' && sweep.document?.phase !== 'finished') {
    println(io.stdout, `the controller is not running; \`sweeptop resume ${sweep.dir}\` continues the sweep`);
  }
  println(io.stdout);
  const marked = new Set(front ? front.front.map((trial) => trial.id) : bestRow ? [bestRow.id] : []);
  println(
    io.stdout,
    trialTable(
      rows,
      objectives.map((objective) => objective.name),
      marked,
    ),
  );
  // what could not be read of a trial's output as printed: below the table, whole
  for (const trial of sweep.trials) for (const note of trial.notes ?? []) println(io.stdout, safeText(`trial ${trial.id}: ${note}`));
  return 0;
}

/** `front: trials 11, 10, 8 (…)`, the table's `*` rows, and the completed trials that could not be placed. */
function frontLines({ front, incomplete }: FrontReport<{ id: number }>): string[] {
  const ids = front.map((trial) => trial.id).join(', ');
  return [
    front.length === 0
      ? 'Pareto front: none yet'
      : `Pareto front (*): trial${front.length === 1 ? '' : 's'} ${ids} — no other completed trial beats them in every objective`,
    ...(incomplete.length > 0
      ? [
          `not on the front: trials ${incomplete.map((trial) => trial.id).join(', ')} completed without every objective (cannot be compared)`,
        ]
      : []),
  ];
}

function hookFailureJson(failure: HookFailure | undefined) {
  if (!failure) return null;
  const { event, time, command, exitCode, signal, timedOut, error, stderrTail } = failure;
  return {
    event: event as HookEvent,
    time,
    command,
    exit_code: exitCode,
    signal,
    timed_out: timedOut,
    error,
    stderr_tail: stderrTail,
  };
}

/**
 * A full disk, as the live controller knows it: sweep.json cannot say so, the disk being full.
 * Asked only when the filesystem is short of room (a snapshot of a large sweep is megabytes).
 * Null when no controller runs here or it does not answer in time (then the rest still prints).
 */
async function liveDiskFull(sweep: StoredSweep): Promise<DiskFullStanding | null> {
  if (sweep.controller.kind !== 'here' || freeBytesIn(sweep.dir) >= LOW_SPACE_BYTES) return null;
  try {
    return (await requestSnapshot(sweep.dir, LIVE_ANSWER_MS)).diskFull ?? null;
  } catch {
    return null;
  }
}

/** `disk full: launching paused; free space in DIR (since 14:02:11, 3 writes held in memory)`. */
export function describeDiskFull(diskFull: DiskFullStanding): string {
  const since = new Date(diskFull.since).toTimeString().slice(0, 8);
  const dropped = diskFull.droppedPoints > 0 ? `, ${diskFull.droppedPoints} metric points dropped` : '';
  return `disk full: launching paused; free space in ${diskFull.dir} (since ${since}, ${diskFull.heldWrites} writes held in memory${dropped})`;
}

/** Silent trials and the sweep's time to go, while a controller runs it. */
function sweepHealth(sweep: StoredSweep): { silent: number; eta_s: number | null } {
  if (sweep.status !== 'running') return { silent: 0, eta_s: null };
  const silent = sweep.trials.filter((t) => t.state === 'running' && t.silentSince !== undefined).length;
  const parallel = sweep.document?.parallel ?? 1;
  const target = Math.max(sweep.document?.trialsTarget ?? 0, sweep.trials.length);
  const eta = sweepEtaMs(sweep.trials, target, parallel);
  return { silent, eta_s: eta === null ? null : Math.round(eta / 1000) };
}

function describeHealth({ silent, eta_s }: { silent: number; eta_s: number | null }): string {
  const parts = [eta_s === null ? null : `ends in about ${formatDuration(eta_s * 1000)}`, silent > 0 ? `${silent} silent` : null];
  return parts.filter((p) => p !== null).join(', ');
}

/** `running (silent 4m, 12m left)`: how a running trial is doing, from what the controller recorded. */
function stateText(row: ExportRow): string {
  const notes = [
    row.silent_since === null ? null : `silent ${formatDuration(Math.max(0, Date.now() - row.silent_since))}`,
    row.eta_s === null ? null : `${formatDuration(row.eta_s * 1000)} left`,
  ].filter((n) => n !== null);
  return notes.length === 0 ? row.state : `${row.state} (${notes.join(', ')})`;
}

function describeState({ status, controller }: StoredSweep): string {
  if (controller.kind === 'here') return `${status}, controller pid ${controller.lock.pid}`;
  if (controller.kind === 'elsewhere') return `running on host ${controller.lock.host} (cannot be checked from here)`;
  return status;
}

/**
 * `0.951 ± 0.006 (3/5)`: with runs (folds × repeats), their mean, spread and how many of them
 * completed of all; `0.951 ± 0.006 (5 folds)` for an objective combined from contexts of one process.
 */
function objectiveText(row: ExportRow): string {
  // a budget sweep's objective is one level's result, its runs levels (shown beside it), not folds
  if (row.level !== undefined) return formatMetric(row.objective);
  const spread = row.contexts > 1 ? ` ± ${formatMetric(row.spread)}` : '';
  if (row.runs)
    return `${formatMetric(row.objective)}${spread} (${row.runs.filter((r) => r.state === 'completed').length}/${row.runs.length})`;
  return row.contexts > 1 ? `${formatMetric(row.objective)}${spread} (${row.contexts} folds)` : formatMetric(row.objective);
}

/**
 * The trials, one line each; `objectiveNames`: the first objective's column, with the best value and
 * runs beside it, then one column per further objective. `marked` rows get a `*`: the best trial,
 * or a sweep of several objectives' front.
 */
export function trialTable(rows: readonly ExportRow[], objectiveNames: readonly string[], marked: ReadonlySet<number>): string {
  const [metricName, ...further] = objectiveNames;
  const budgetSweep = rows.some((r) => r.level !== undefined);
  return textTable(
    [
      { header: 'id', align: 'right' },
      { header: 'state' },
      // a budget sweep: the level each trial reached, which its objective is from
      ...(budgetSweep ? [{ header: 'budget' }] : []),
      { header: metricName, align: 'right' },
      { header: 'best', align: 'right' },
      ...further.map((name) => ({ header: name, align: 'right' as const })),
      { header: 'steps', align: 'right' },
      { header: 'time', align: 'right' },
      // whole, however wide: piped to a file or a pager, a cut reason or value is lost for good
      { header: 'params' },
      { header: 'reason' },
    ],
    rows.map((r) => [
      `${marked.has(r.id) ? '*' : ''}${r.id}`,
      stateText(r),
      ...(budgetSweep ? [r.level === undefined ? '' : `${formatBudget(r.budget!)} (${r.level})`] : []),
      objectiveText(r),
      formatMetric(r.best),
      ...further.map((name) => formatMetric(r.objectives?.[name] ?? null)),
      String(r.steps),
      r.duration_s === null ? '-' : `${r.duration_s.toFixed(1)}s`,
      formatParams(r.params),
      r.reason ?? '',
    ]),
  );
}
