/**
 * Rebuilds a sweep from its directory, for `status`, `export`, `best` and `resume`. Trial folders
 * are the truth: a result.json wins over sweep.json (which is written at most twice a second),
 * and a trial that sweep.json never heard of is still found through its folder. A trial left
 * running by a dead controller is judged from its process and its exit_code file.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { permissionDenied, UserError } from '../errors.js';
import { decodeNumber, encodeNullableNumber } from '../../plugin-api/json-number.js';
import { readMetricLog } from '../metrics/metric-log.js';
import { isBetter } from '../metrics/trial-metrics.js';
import { isAlive } from '../../plugin-api/proc.js';
import { isActive, isFinished, isTrialState } from '../../plugin-api/trial-state.js';
import { canRead } from './access.js';
import { liveController } from './controller-lock.js';
import { trialPaths, trialsDir } from './layout.js';
import { storedTrials } from './launch-record.js';
import type { SweepDocument, TrialRecord } from './records.js';
import { readSweepDocument } from './sweep-store.js';
import type { Goal } from '../../plugin-api/plugin.js';

export type SweepStatus = 'running' | 'finished' | 'stopped';

export interface StoredSweep {
  dir: string;
  document: SweepDocument | null;
  name: string;
  metric: { name: string; goal: Goal };
  status: SweepStatus;
  controllerPid: number | null;
  trials: TrialRecord[];
}

export async function readSweepDir(dir: string): Promise<StoredSweep> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`${dir}: no such sweep directory`);
  let document: SweepDocument | null = null;
  try {
    document = await readSweepDocument(dir);
  } catch {
    // a damaged sweep.json: the trial folders still tell the story
  }
  if (!document && !existsSync(trialsDir(dir))) {
    if (!canRead(dir)) throw permissionDenied(dir);
    throw new UserError(`${dir}: not a sweep directory (no sweep.json, no trials/)`);
  }
  const config = (document?.config ?? {}) as { metric?: { name: string; goal: Goal }; name?: string };
  const metric = config.metric ?? { name: 'objective', goal: 'minimize' as Goal };
  const controller = liveController(dir);
  const trials: TrialRecord[] = [];
  for (const stored of storedTrials(dir, document)) trials.push(await reconcile(dir, stored, metric, controller !== null));
  const status: SweepStatus = controller ? 'running' : document?.phase === 'finished' ? 'finished' : 'stopped';
  return { dir, document, name: document?.name ?? config.name ?? dir, metric, status, controllerPid: controller?.pid ?? null, trials };
}

function readJson<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
  }
}

async function reconcile(dir: string, stored: TrialRecord, metric: { name: string; goal: Goal }, controllerAlive: boolean): Promise<TrialRecord> {
  const paths = trialPaths(dir, stored.id);
  const result = readJson<TrialRecord>(paths.result);
  if (result && isTrialState(result.state) && isFinished(result.state) && (result.attempt ?? 0) >= stored.attempt) return result;
  if (!isActive(stored.state) || controllerAlive) return stored;
  // the controller is gone and this trial was running: what became of it?
  const record = { ...stored, ...(await summariseMetrics(paths.metrics, metric)) };
  // a Slurm job or a trial on an SSH host has no local process to look at: only resume can tell
  if (stored.handle && typeof stored.handle.pid !== 'number') return record;
  const pid = typeof stored.handle?.pid === 'number' ? stored.handle.pid : stored.pid;
  const startTime = typeof stored.handle?.startTime === 'number' ? stored.handle.startTime : null;
  if (pid && isAlive(pid, startTime)) return record;
  const exitText = existsSync(paths.exitCode) ? readFileSync(paths.exitCode, 'utf8').trim() : '';
  if (/^\d+$/.test(exitText)) {
    const exitCode = Number(exitText);
    return { ...record, exitCode, state: exitCode === 0 ? 'completed' : 'failed', reason: exitCode === 0 ? null : `exit code ${exitCode}` };
  }
  return { ...record, state: 'lost', reason: 'its process vanished without an exit status while no controller ran' };
}

async function summariseMetrics(path: string, metric: { name: string; goal: Goal }): Promise<Partial<TrialRecord>> {
  let objective: number | null = null;
  let best: number | null = null;
  let step: number | null = null;
  let steps = 0;
  for (const point of await readMetricLog(path)) {
    if (point.name !== metric.name) continue;
    objective = point.value;
    step = point.step;
    steps++;
    if (isBetter(point.value, best, metric.goal)) best = point.value;
  }
  return { objective: encodeNullableNumber(objective), best: encodeNullableNumber(best), step, steps };
}

/** The best completed trial by objective; ties go to the lowest id. */
export function bestTrial(trials: readonly TrialRecord[], goal: Goal): TrialRecord | null {
  let best: TrialRecord | null = null;
  for (const trial of trials) {
    if (trial.state !== 'completed') continue;
    const value = decodeNumber(trial.objective);
    if (value === undefined || Number.isNaN(value)) continue;
    if (!best || isBetter(value, decodeNumber(best.objective)!, goal)) best = trial;
  }
  return best;
}
