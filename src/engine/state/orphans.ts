/**
 * What became of a trial that was running when its controller went away, for `status`, `best`
 * and `export` (resume finds out through its executor instead). Its metrics are summed up from
 * metrics.jsonl; its executor's probe looks at its process from the handle: still there (running
 * or paused), it stays as recorded; gone, its exit_code file tells how it ended, and when (its
 * mtime), or it is lost.
 * A Slurm job or a trial on an SSH host cannot be looked at from here: it stays as recorded.
 */
import { readFileSync } from 'node:fs';
import { exitTime } from './exit-time.js';
import type { ExecutorHandle, ExecutorPlugin, TrialLiveness } from '../../plugin-api/executor.js';
import { encodeNullableNumber } from '../../plugin-api/json-number.js';
import { TrialMetrics } from '../metrics/trial-metrics.js';
import type { ObjectiveSpec } from '../metrics/objective.js';
import { trialPaths } from './layout.js';
import { readMetricLog } from './metric-log.js';
import type { TrialRecord } from './records.js';

export type TrialProbe = (handle: ExecutorHandle) => Promise<TrialLiveness>;

/** The named executor's probe (built-in executors; anything else cannot be looked at). */
export async function executorProbe(executor: string | null): Promise<TrialProbe> {
  // loaded only here: a sweep whose controller runs, or that has nothing running, needs no plugin
  const { builtInRegistry } = await import('../../../plugins/registry.js');
  let plugin: ExecutorPlugin | undefined;
  try {
    plugin = executor === null ? undefined : builtInRegistry().get<ExecutorPlugin>('executor', executor);
  } catch {
    // a user's executor
  }
  return async (handle) => (plugin?.probe ? plugin.probe(handle) : 'unknown');
}

/** `recordedAt`: when sweep.json, and the runtime it holds, was written. */
export async function judgeOrphan(
  sweepDir: string,
  trial: TrialRecord,
  metric: ObjectiveSpec,
  probe: TrialProbe,
  recordedAt: number | null,
): Promise<TrialRecord> {
  const paths = trialPaths(sweepDir, trial.id);
  const record = { ...trial, ...(await summariseMetrics(paths.metrics, metric)) };
  // no handle: it was being launched when the controller died, and never ran
  const liveness = trial.handle ? await probe(trial.handle) : 'ended';
  if (liveness !== 'ended') return record;
  const exitText = readText(paths.exitCode).trim();
  if (/^\d+$/.test(exitText)) {
    const exitCode = Number(exitText);
    const state = exitCode === 0 ? 'completed' : 'failed';
    return {
      ...record,
      ...endedAt(trial, exitTime(paths.exitCode), recordedAt),
      exitCode,
      state,
      reason: exitCode === 0 ? null : `exit code ${exitCode}`,
    };
  }
  return { ...record, state: 'lost', reason: 'its process vanished without an exit status while no controller ran' };
}

/**
 * A trial recorded running ran on, unwatched, until it exited: its runtime grows by the time from
 * when it was recorded (or launched, when sweep.json had not caught up) to its exit.
 */
function endedAt(trial: TrialRecord, exitedAt: number | null, recordedAt: number | null): Partial<TrialRecord> {
  if (exitedAt === null) return {};
  const since = Math.max(recordedAt ?? 0, trial.startedAt ?? 0);
  const ranOn = trial.state === 'running' && since > 0 ? Math.max(0, exitedAt - since) : 0;
  return { endedAt: exitedAt, runtimeMs: trial.runtimeMs + ranOn };
}

async function summariseMetrics(path: string, metric: ObjectiveSpec): Promise<Partial<TrialRecord>> {
  const metrics = new TrialMetrics(metric);
  for (const point of await readMetricLog(path)) if (!point.afterPrune) metrics.record(point.name, point.step, point.value, point.context);
  return {
    objective: encodeNullableNumber(metrics.objective),
    best: encodeNullableNumber(metrics.best),
    step: metrics.step,
    steps: metrics.steps,
    ...(metrics.contexts > 1 && { contexts: metrics.contexts, spread: encodeNullableNumber(metrics.spread) }),
    ...(metrics.source !== null && { objectiveSource: metrics.source }),
  };
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
