/**
 * Rebuilds a sweep from its directory, for `status`, `export`, `best` and `resume`. Trial folders
 * are the truth: a result.json wins over sweep.json (which is written at most twice a second),
 * and a trial that sweep.json never heard of is still found through its folder. A trial left
 * running by a dead controller is judged by its executor and its exit_code file (orphans.ts).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { permissionDenied, UserError } from '../errors.js';
import { decodeNumber } from '../../plugin-api/json-number.js';
import { isBetter } from '../metrics/trial-metrics.js';
import { isActive, isFinished, isTrialState } from '../../plugin-api/trial-state.js';
import { canRead } from './access.js';
import { controllerState, type ControllerState } from './controller-lock.js';
import { trialPaths, trialsDir } from './layout.js';
import { storedTrials } from './launch-record.js';
import { executorProbe, judgeOrphan, type TrialProbe } from './orphans.js';
import type { SweepDocument, TrialRecord } from './records.js';
import { readSweepDocument } from './sweep-store.js';
import type { Goal } from '../../plugin-api/plugin.js';

export type SweepStatus = 'running' | 'finished' | 'stopped';

export interface StoredSweep {
  dir: string;
  document: SweepDocument | null;
  name: string;
  metric: { name: string; goal: Goal };
  /** `running` while a controller runs it, here or on another host. */
  status: SweepStatus;
  controller: ControllerState;
  trials: TrialRecord[];
  /** One line each, for stderr: what was judged without being seen. */
  notices: string[];
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
  const controller = controllerState(dir);
  const running = controller.kind === 'here' || controller.kind === 'elsewhere';
  // only a sweep whose controller is gone has trials to look at through their executor
  const probe = running ? null : await executorProbe((config as { executor?: { type?: string } }).executor?.type ?? null);
  const trials: TrialRecord[] = [];
  for (const stored of storedTrials(dir, document)) trials.push(await reconcile(dir, stored, metric, probe));
  const status: SweepStatus = running ? 'running' : document?.phase === 'finished' ? 'finished' : 'stopped';
  const notices = controller.kind === 'gone' && controller.notice ? [controller.notice] : [];
  return { dir, document, name: document?.name ?? config.name ?? dir, metric, status, controller, trials, notices };
}

function readJson<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
  }
}

async function reconcile(dir: string, stored: TrialRecord, metric: { name: string; goal: Goal }, probe: TrialProbe | null): Promise<TrialRecord> {
  const paths = trialPaths(dir, stored.id);
  const result = readJson<TrialRecord>(paths.result);
  if (result && isTrialState(result.state) && isFinished(result.state) && (result.attempt ?? 0) >= stored.attempt) return result;
  if (!isActive(stored.state) || !probe) return stored;
  // the controller is gone and this trial was running: what became of it?
  return judgeOrphan(dir, stored, metric, probe);
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
