/**
 * What became of a trial that was running when its controller went away, for `status`, `best`
 * and `export` (resume finds out through its executor instead). Its metrics are summed up from
 * metrics.jsonl; its executor's probe looks at its process from the handle: still there (running
 * or paused), it stays as recorded; gone, its exit_code file tells how it ended, and when (its
 * mtime), or it is lost.
 * A trial with folds or repeats has no process of its own: each of its runs is judged so, and
 * the trial stays running (or paused) while one of them is still there; once none is, a run that
 * did not complete ends it, as the controller would have (`fold 1 failed: exit code 1`), and all
 * completed complete it. Runs left to launch wait for `resume`: the trial stays as recorded.
 * A Slurm job or a trial on an SSH host cannot be looked at from here: it stays as recorded.
 */
import { readFileSync } from 'node:fs';
import { exitTime } from './exit-time.js';
import type { ExecutorHandle, ExecutorPlugin, TrialLiveness } from '../../plugin-api/executor.js';
import { encodeNullableNumber } from '../../plugin-api/json-number.js';
import { FurtherObjectives } from '../objectives/further-objectives.js';
import { TrialMetrics } from '../metrics/trial-metrics.js';
import type { ObjectiveSpec } from '../metrics/objective.js';
import { isActive } from '../../plugin-api/trial-state.js';
import { runFiles, trialPaths, type TrialPaths } from './layout.js';
import { readMetricLog, type StoredPoint } from './metric-log.js';
import type { RunRecord, TrialRecord } from './records.js';
import { runPoints } from './stored-runs.js';

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
  objectives: readonly ObjectiveSpec[],
  probe: TrialProbe,
  recordedAt: number | null,
): Promise<TrialRecord> {
  const paths = trialPaths(sweepDir, trial.id);
  if (trial.runs) return judgeRunsOrphan(paths, trial, trial.runs, objectives, probe, recordedAt);
  const record = { ...trial, ...summary(trialMetrics(await readMetricLog(paths.metrics), objectives)) };
  return { ...record, ...(await judgeProcess(paths, trial, probe, recordedAt)) };
}

/** A process (a trial's, or a run's) from its handle: still there, it stays as recorded; gone, its exit_code says how it ended. */
async function judgeProcess<T extends TrialRecord | RunRecord>(
  paths: TrialPaths,
  recorded: T,
  probe: TrialProbe,
  recordedAt: number | null,
): Promise<Partial<T>> {
  // no handle: it was being launched when the controller died, and never ran
  const liveness = recorded.handle ? await probe(recorded.handle) : 'ended';
  if (liveness !== 'ended') return {};
  const exitText = readText(paths.exitCode).trim();
  if (/^\d+$/.test(exitText)) {
    const exitCode = Number(exitText);
    return {
      ...endedAt(recorded, exitTime(paths.exitCode), recordedAt),
      exitCode,
      state: exitCode === 0 ? 'completed' : 'failed',
      reason: exitCode === 0 ? null : `exit code ${exitCode}`,
    } as Partial<T>;
  }
  return { state: 'lost', reason: 'its process vanished without an exit status while no controller ran' } as Partial<T>;
}

async function judgeRunsOrphan(
  paths: TrialPaths,
  trial: TrialRecord,
  recordedRuns: RunRecord[],
  objectives: readonly ObjectiveSpec[],
  probe: TrialProbe,
  recordedAt: number | null,
): Promise<TrialRecord> {
  const judged = trialMetrics([...(await readMetricLog(paths.metrics)), ...(await runPoints(paths))], objectives);
  const { metrics } = judged;
  const runs = await Promise.all(
    recordedRuns.map(async (run): Promise<RunRecord> => {
      const judged = isActive(run.state) ? { ...run, ...(await judgeProcess(runFiles(paths, run.index), run, probe, recordedAt)) } : run;
      return { ...judged, objective: encodeNullableNumber(metrics.resultOf(run.key)) };
    }),
  );
  const record: TrialRecord = { ...trial, ...summary(judged), runs };
  if (runs.some((run) => isActive(run.state))) return record;
  const ended = runs.find((run) => run.state !== 'completed' && run.state !== 'queued');
  if (ended) {
    return {
      ...record,
      state: ended.state,
      reason: `${ended.key} ${ended.state}${ended.reason ? `: ${ended.reason}` : ''}`,
      endedAt: Math.max(...runs.map((r) => r.endedAt ?? 0)) || null,
    };
  }
  if (runs.every((run) => run.state === 'completed')) {
    return { ...record, state: 'completed', reason: null, endedAt: Math.max(...runs.map((r) => r.endedAt ?? 0)) || null };
  }
  return record;
}

/**
 * A trial recorded running ran on, unwatched, until it exited: its runtime grows by the time from
 * when it was recorded (or launched, when sweep.json had not caught up) to its exit.
 */
function endedAt(trial: TrialRecord | RunRecord, exitedAt: number | null, recordedAt: number | null): Partial<TrialRecord & RunRecord> {
  if (exitedAt === null) return {};
  const since = Math.max(recordedAt ?? 0, trial.startedAt ?? 0);
  const ranOn = trial.state === 'running' && since > 0 ? Math.max(0, exitedAt - since) : 0;
  return { endedAt: exitedAt, runtimeMs: trial.runtimeMs + ranOn };
}

/** The first objective, and in a sweep of several the others, from the trial's points. */
function trialMetrics(points: StoredPoint[], objectives: readonly ObjectiveSpec[]): { metrics: TrialMetrics; further: FurtherObjectives } {
  const metrics = new TrialMetrics(objectives[0]);
  const further = new FurtherObjectives(objectives.slice(1));
  for (const point of points) {
    if (point.afterPrune) continue;
    metrics.record(point.name, point.step, point.value, point.context);
    further.record(point.name, point.step, point.value, point.context);
  }
  return { metrics, further };
}

function summary({ metrics, further }: { metrics: TrialMetrics; further: FurtherObjectives }): Partial<TrialRecord> {
  return {
    ...(further.size > 0 && { objectives: [metrics.objective, ...further.values()].map(encodeNullableNumber) }),
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
