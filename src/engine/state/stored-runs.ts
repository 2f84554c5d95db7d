/**
 * The runs of one trial of a sweep with folds or repeats, as recorded. As for trials, the run
 * folders are the truth and sweep.json a summary that may lag: a run's result.json wins over its
 * record (same attempt or later), and its launch.json — written before its process starts —
 * tells of a run sweep.json still holds as queued (or not at all), so that `resume` follows that
 * process instead of starting the run a second time.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isActive, isFinished, isTrialState } from '../../plugin-api/trial-state.js';
import { readJsonFile } from './atomic.js';
import { runFiles, type TrialPaths } from './layout.js';
import { readMetricLog, type StoredPoint } from './metric-log.js';
import type { LaunchRecord, RunRecord } from './records.js';
import { launchedProcess } from './stored-trials.js';
import { blankProcess } from './sweep-document.js';

/** `keys`: each run's context (`fold 2`), in index order; `recorded`: what sweep.json holds of them. */
export function storedRuns(trial: TrialPaths, keys: readonly string[], recorded: readonly RunRecord[] | undefined): RunRecord[] {
  return keys.map((key, index) => {
    const base = recorded?.find((r) => r.index === index) ?? blankRun(index, key);
    const paths = runFiles(trial, index);
    const result = readJsonFile<RunRecord>(paths.result);
    if (result && isTrialState(result.state) && isFinished(result.state) && result.attempt >= base.attempt) return { ...base, ...result };
    const launch = readJsonFile<LaunchRecord>(paths.launch);
    if (!launch || launch.attempt < base.attempt || isFinished(base.state)) return base;
    // sweep.json knew its process: keep its handle unless launch.json knows a later attempt
    if (launch.attempt === base.attempt && base.handle && isActive(base.state)) return { ...base, pid: base.pid ?? launch.pid ?? null };
    return launchedProcess(base, launch);
  });
}

function blankRun(index: number, key: string): RunRecord {
  return { index, key, ...blankProcess('queued') };
}

/** Every run's metric points of a trial (runs/<k>/metrics.jsonl, by k), each in its run's context. */
export async function runPoints(trial: TrialPaths): Promise<StoredPoint[]> {
  let names: string[];
  try {
    names = readdirSync(join(trial.dir, 'runs')).filter((n) => /^\d+$/.test(n));
  } catch {
    return [];
  }
  const indices = names.map(Number).sort((a, b) => a - b);
  const logs = await Promise.all(indices.map((index) => readMetricLog(runFiles(trial, index).metrics)));
  return logs.flat();
}
