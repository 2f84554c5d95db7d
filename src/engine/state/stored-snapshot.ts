/**
 * A stored sweep as the snapshot a running engine would send (events.ts), so that a view of a
 * sweep nobody runs (`sweeptop attach` on a finished or dead sweep) is drawn by the same code as
 * a live one. What only a live engine knows stays empty: no pid of a process it watches, no
 * pruner's threshold, no pending reason.
 */
import { recordedObjectives } from '../objectives/recorded.js';
import { decodeNumber, type JsonNumber } from '../../plugin-api/json-number.js';
import { distinguishWinner, type TrialRunValues, type WinnerDistinction } from '../analysis/winner-distinction.js';
import type { ObjectiveSpec } from '../metrics/objective.js';
import type { RunSnapshot, SweepSnapshot, TrialSnapshot } from '../events.js';
import { quoteArgv } from '../template/command.js';
import { summarizeWarmStart } from '../sweep/warm-start.js';
import { bestTrial } from './export-rows.js';
import { runFiles, trialPaths } from './layout.js';
import { UNRECORDED_OBJECTIVE, type StoredSweep } from './load-sweep.js';
import type { RunRecord, TrialRecord } from './records.js';

export function storedSnapshot(sweep: StoredSweep): SweepSnapshot {
  const { config, document } = sweep;
  const metric = sweep.metric ?? UNRECORDED_OBJECTIVE;
  const endedAt = Math.max(0, ...sweep.trials.map((t) => t.endedAt ?? 0));
  return {
    name: sweep.name,
    dir: sweep.dir,
    metric,
    objectives: sweep.objectives ?? [metric],
    parameters: config?.parameters ?? [],
    sampler: config?.sampler?.type ?? 'unknown',
    pruner: config?.pruner?.type ?? 'unknown',
    executor: config?.executor?.type ?? 'unknown',
    parallel: document?.parallel ?? config?.parallel ?? 1,
    trialsTarget: Math.max(document?.trialsTarget ?? config?.trials ?? 0, sweep.trials.length),
    gpus: config?.gpus ?? null,
    gpusPerTrial: config?.gpusPerTrial ?? 0,
    startedAt: document?.createdAt ?? sweep.identity?.createdAt ?? Date.now(),
    finishedAt: sweep.status === 'finished' ? (document?.updatedAt ?? (endedAt || null)) : null,
    // nothing runs it: whatever phase it was left in, nothing more will happen to it
    phase: 'finished',
    stopReason: document?.stopReason ?? (sweep.status === 'finished' ? null : 'its controller is gone'),
    bestTrialId: bestTrial(sweep.trials, metric.goal)?.id ?? null,
    ...(config?.budget?.levels && { budgetLevels: config.budget.levels }),
    ...withWinner(sweep.trials, metric),
    ...(document?.warmStart && { warmStart: summarizeWarmStart(document.warmStart) }),
    ...(document?.hookFailure && { hookFailure: document.hookFailure }),
    trials: sweep.trials.map((t) => trialSnapshot(sweep.dir, t)),
  };
}

/** The winner line a live sweep with folds or repeats shows, from the runs its trials recorded. */
function withWinner(trials: readonly TrialRecord[], metric: ObjectiveSpec): { winner?: WinnerDistinction } {
  const values: TrialRunValues[] = [];
  for (const trial of trials) {
    // a budget trial's runs are levels, not peers to pair
    if (trial.state !== 'completed' || !trial.runs || trial.ladder) continue;
    const runs = new Map<string, number>();
    for (const run of trial.runs) {
      const value = run.state === 'completed' ? decodeNumber(run.objective) : undefined;
      if (value !== undefined) runs.set(run.key, value);
    }
    values.push({ id: trial.id, runs });
  }
  if (values.length === 0) return {};
  const winner = distinguishWinner(values, metric.goal, { combine: metric.combine });
  return winner.best === null ? {} : { winner };
}

function runSnapshot(sweepDir: string, trial: TrialRecord, run: RunRecord): RunSnapshot {
  return {
    index: run.index,
    key: run.key,
    state: run.state,
    attempt: run.attempt,
    objective: numberOrNull(run.objective),
    pid: null,
    exitCode: run.exitCode,
    reason: run.reason,
    runtimeMs: run.runtimeMs,
    dir: runFiles(trialPaths(sweepDir, trial.id), run.index).dir,
    command: quoteArgv(run.argv),
    // a budget trial's n-th run is its n-th level from the one it started at
    ...(trial.ladder && { level: trial.ladder.startLevel + run.index }),
  };
}

function trialSnapshot(sweepDir: string, t: TrialRecord): TrialSnapshot {
  return {
    id: t.id,
    attempt: t.attempt,
    params: t.params,
    state: t.state,
    promoted: t.promoted,
    argv: t.argv,
    command: quoteArgv(t.argv),
    cwd: t.cwd,
    dir: trialPaths(sweepDir, t.id).dir,
    gpus: t.gpus,
    host: t.host ?? null,
    pid: null,
    pendingReason: null,
    startedAt: t.startedAt,
    endedAt: t.endedAt,
    runtimeMs: t.runtimeMs,
    exitCode: t.exitCode,
    signal: t.signal,
    reason: t.reason,
    objective: numberOrNull(t.objective),
    best: numberOrNull(t.best),
    step: t.step,
    steps: t.steps,
    spread: numberOrNull(t.spread),
    contexts: t.contexts ?? (t.steps > 0 ? 1 : 0),
    objectiveSource: t.objectiveSource ?? null,
    ...(t.objectives !== undefined && { objectives: recordedObjectives(t) }),
    echoed: t.echoed ?? {},
    lastMetrics: Object.fromEntries(Object.entries(t.lastMetrics ?? {}).map(([name, value]) => [name, decodeNumber(value) ?? NaN])),
    stderrTail: t.stderrTail ?? [],
    ...(t.notes !== undefined && { notes: t.notes }),
    ...(t.runs && { runs: t.runs.map((run) => runSnapshot(sweepDir, t, run)) }),
    pruneThreshold: null,
    // nothing runs it: no silence to watch, no time to go
    silentSince: null,
    progress: null,
    etaMs: null,
  };
}

function numberOrNull(value: JsonNumber | null | undefined): number | null {
  return decodeNumber(value) ?? null;
}
