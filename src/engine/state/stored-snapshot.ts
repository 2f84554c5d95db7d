/**
 * A stored sweep as the snapshot a running engine would send (events.ts), so that a view of a
 * sweep nobody runs (`sweeptop attach` on a finished or dead sweep) is drawn by the same code as
 * a live one. What only a live engine knows stays empty: no pid of a process it watches, no
 * pruner's threshold, no pending reason.
 */
import { decodeNumber, type JsonNumber } from '../../plugin-api/json-number.js';
import type { SweepSnapshot, TrialSnapshot } from '../events.js';
import { quoteArgv } from '../template/command.js';
import { bestTrial } from './export-rows.js';
import { trialPaths } from './layout.js';
import { UNRECORDED_OBJECTIVE, type StoredSweep } from './load-sweep.js';
import type { TrialRecord } from './records.js';

export function storedSnapshot(sweep: StoredSweep): SweepSnapshot {
  const { config, document } = sweep;
  const metric = sweep.metric ?? UNRECORDED_OBJECTIVE;
  const endedAt = Math.max(0, ...sweep.trials.map((t) => t.endedAt ?? 0));
  return {
    name: sweep.name,
    dir: sweep.dir,
    metric,
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
    trials: sweep.trials.map((t) => trialSnapshot(sweep.dir, t)),
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
    echoed: t.echoed ?? {},
    lastMetrics: Object.fromEntries(Object.entries(t.lastMetrics ?? {}).map(([name, value]) => [name, decodeNumber(value) ?? NaN])),
    stderrTail: t.stderrTail ?? [],
    ...(t.notes !== undefined && { notes: t.notes }),
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
