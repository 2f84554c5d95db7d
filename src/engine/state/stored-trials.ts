/**
 * Every trial of a sweep directory, as recorded. Trial folders are the truth, sweep.json a
 * summary written at most twice a second: a trial's result.json wins over its record (when it is
 * of the same attempt or a later one); launch.json, written before the trial's process is
 * started (its attempt and token) and again once it exists (its pid), fills the gap a lagging
 * sweep.json leaves (a trial it holds as queued, at an earlier
 * attempt, or not at all); and a trial folder sweep.json never heard of is found all the same —
 * with the parameters its params.json holds, or, when they cannot be read back whole, as `lost`:
 * such a trial must never run again with values made up or missing.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { isActive, isFinished, isTrialState } from '../../plugin-api/trial-state.js';
import { readJsonFile } from './atomic.js';
import { sweepJsonPath, trialPaths, trialsDir } from './layout.js';
import type { LaunchRecord, ProcessRecord, TrialRecord } from './records.js';
import { blankRecord } from './sweep-document.js';
import type { Params } from '../../plugin-api/space.js';
import { parameterIsActive, type Condition } from '../../plugin-api/condition.js';
import type { ExecutorHandle } from '../../plugin-api/executor.js';
import { readTrialSettings } from './trial-settings.js';

/** A parameter as far as judging a trial's values whole needs it: its name and its condition. */
export type DeclaredName = { name: string; when?: Condition };

/**
 * `records`: sweep.json's, or none when it cannot be read; `declared`: the sweep's parameters,
 * when known, which every trial not yet finished must have a value for where they are active
 * (a parameter whose `when:` is false is absent by design). In ascending id.
 */
export function storedTrials(
  sweepDir: string,
  records: readonly TrialRecord[],
  declared: readonly DeclaredName[] | null = null,
): TrialRecord[] {
  const byId = new Map(records.map((t) => [t.id, t]));
  for (const id of folderIds(sweepDir)) if (!byId.has(id)) byId.set(id, unknownTrial(sweepDir, id, declared));
  return [...byId.keys()].sort((a, b) => a - b).map((id) => fromFolder(sweepDir, byId.get(id)!, declared));
}

function fromFolder(sweepDir: string, record: TrialRecord, declared: readonly DeclaredName[] | null): TrialRecord {
  const paths = trialPaths(sweepDir, record.id);
  const result = readJsonFile<TrialRecord>(paths.result);
  if (result && isTrialState(result.state) && isFinished(result.state) && (result.attempt ?? 0) >= record.attempt) {
    return { ...blankRecord(record.id, result.state), ...result };
  }
  const launched = withLaunch(record, readJsonFile<LaunchRecord>(paths.launch));
  if (isFinished(launched.state)) return launched;
  const missing = record.unreadableParams ? null : missingValue(record.params, declared);
  const problem =
    record.unreadableParams ??
    (missing && `parameters could not be read back from ${sweepJsonPath(sweepDir)}: trial ${record.id}'s record has ${missing}`);
  if (!problem) return launched;
  // started with its values before they could no longer be read: it runs on as recorded, but never again
  if (launched.handle && isActive(launched.state)) return { ...launched, unreadableParams: problem };
  return { ...launched, state: 'lost', handle: null, pid: null, reason: problem, unreadableParams: problem };
}

function withLaunch(record: TrialRecord, launch: LaunchRecord | null): TrialRecord {
  if (!launch || launch.attempt < record.attempt) return record;
  if (launch.attempt > record.attempt) {
    // sweep.json was written before this retry was launched: whatever it says of the earlier
    // attempt (ended, or still launching), this attempt's process exists and must be followed,
    // not launched again
    return launched(
      { ...blankRecord(record.id, 'running'), params: record.params, promoted: record.promoted, lostCount: record.lostCount },
      launch,
    );
  }
  // sweep.json knew the process (an executor may fill its handle in after launch.json was
  // written); one that knew only the launch's token yields to launch.json's process
  if (record.handle && isActive(record.state))
    return onlyToken(record.handle) ? { ...record, handle: launch.handle, pid: launch.pid ?? record.pid } : record;
  if (record.state !== 'queued' && !isActive(record.state)) return record;
  return launched(record, launch);
}

/** The handle a launch has before its process exists: the token its processes will carry. */
function onlyToken(handle: ExecutorHandle): boolean {
  const keys = Object.keys(handle);
  return keys.length === 1 && keys[0] === 'token';
}

function launched(record: TrialRecord, launch: LaunchRecord): TrialRecord {
  return { ...launchedProcess(record, launch), cwd: launch.cwd };
}

/** A trial's or a run's record as its launch.json tells it: that attempt's process runs. */
export function launchedProcess<R extends ProcessRecord>(record: R, launch: LaunchRecord): R {
  return {
    ...record,
    attempt: launch.attempt,
    state: 'running',
    handle: launch.handle,
    pid: launch.pid ?? null,
    startedAt: launch.startedAt,
    gpus: launch.gpus,
    argv: launch.argv,
  };
}

/**
 * A folder with no record: its params are there, and its own settings (settings.json) when it
 * has some; if it has no launch.json it never started.
 */
function unknownTrial(sweepDir: string, id: number, declared: readonly DeclaredName[] | null): TrialRecord {
  const paths = trialPaths(sweepDir, id);
  const read = readParams(paths.params, declared);
  const own = readTrialSettings(paths.settings);
  const record = {
    ...blankRecord(id, 'running'),
    params: 'params' in read ? read.params : {},
    ...('settings' in own && own.settings && { repeats: own.settings.repeats }),
  };
  // how many runs it has is not known: run with the sweep's repeats, it would drop some unsaid
  const problem = 'problem' in read ? `${paths.params}: ${read.problem}` : 'problem' in own ? `${paths.settings}: ${own.problem}` : null;
  if (problem === null) return record;
  return { ...record, unreadableParams: `parameters could not be read back from ${problem}` };
}

/** A params.json's parameters, or what is wrong with it. */
export function readParams(path: string, declared: readonly DeclaredName[] | null): { params: Params } | { problem: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: code === 'ENOENT' ? 'params.json is missing' : `params.json cannot be read (${code ?? (error as Error).message})` };
  }
  if (text.trim() === '') return { problem: 'params.json is empty' };
  let params: unknown;
  try {
    params = JSON.parse(text);
  } catch {
    return { problem: 'params.json is not valid JSON (cut short or damaged)' };
  }
  if (typeof params !== 'object' || params === null || Array.isArray(params))
    return { problem: 'params.json does not hold an object of parameter values' };
  const missing = missingValue(params as Params, declared);
  if (missing !== null) return { problem: `params.json has ${missing}` };
  return { params: params as Params };
}

/** What a trial's parameters lack ("no value for parameter lr"), or null when they are whole. */
function missingValue(params: Params | undefined, declared: readonly DeclaredName[] | null): string | null {
  if (params === undefined || params === null) return 'no parameter values';
  // the sweep's parameters unknown (no config to read them from): nothing to judge against
  if (declared === null) return null;
  const missing = declared.find((p) => params[p.name] === undefined && parameterIsActive(p, params));
  return missing === undefined ? null : `no value for parameter ${missing.name}`;
}

function folderIds(sweepDir: string): number[] {
  try {
    return readdirSync(trialsDir(sweepDir))
      .filter((n) => /^\d+$/.test(n))
      .map(Number);
  } catch {
    return [];
  }
}
