/**
 * Reads sweep.json (written by sweep-store.ts) without loading lowdb. A document that is not
 * JSON, or whose trials are not trials, is damaged: the caller is told why in a few words and
 * reads the trial folders instead. Trial records are completed with defaults, so that a record
 * written by hand or by an earlier version reads like one written now.
 */
import { constants, copyFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isTrialState } from '../../plugin-api/trial-state.js';
import { sweepJsonPath, sweepPaths } from './layout.js';
import type { ProcessRecord, SweepDocument, TrialRecord } from './records.js';

export type DocumentReading = { document: SweepDocument | null; error: null } | { document: null; error: string };

/** `document: null, error: null` when there is no sweep.json. */
export async function readSweepDocument(sweepDir: string): Promise<DocumentReading> {
  let text: string;
  try {
    text = await readFile(sweepJsonPath(sweepDir), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { document: null, error: null } : { document: null, error: code ?? (error as Error).message };
  }
  try {
    return { document: parseSweepDocument(text), error: null };
  } catch (error) {
    return { document: null, error: (error as Error).message.split('\n')[0] };
  }
}

function parseSweepDocument(text: string): SweepDocument {
  const data = JSON.parse(text) as Partial<SweepDocument> | null;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error('expected an object');
  const trials: unknown = data.trials ?? [];
  if (!Array.isArray(trials)) throw new Error('trials: expected an array');
  return { ...data, trials: trials.map(readRecord) } as SweepDocument;
}

function readRecord(raw: unknown, index: number): TrialRecord {
  const record = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<TrialRecord>;
  if (!Number.isSafeInteger(record.id) || record.id! < 0) throw new Error(`trials[${index}].id: expected an integer id`);
  if (!isTrialState(record.state)) throw new Error(`trials[${index}].state: expected a trial state`);
  return { ...blankRecord(record.id!, 'queued'), ...record };
}

/** A trial with nothing known of it but its id (and state). */
export function blankRecord(id: number, state: TrialRecord['state']): TrialRecord {
  return { id, params: {}, cwd: '', promoted: false, ...blankProcess(state), best: null, step: null, steps: 0 };
}

/** A trial's or a run's process, with nothing known of it but its state. */
export function blankProcess(state: ProcessRecord['state']): ProcessRecord {
  return {
    attempt: 0,
    state,
    argv: [],
    handle: null,
    pid: null,
    gpus: null,
    startedAt: null,
    endedAt: null,
    runtimeMs: 0,
    exitCode: null,
    signal: null,
    objective: null,
    reason: null,
  };
}

/** A damaged sweep.json is copied aside before a resumed controller writes a new one (an earlier copy is kept). */
export function keepDamagedDocument(sweepDir: string): void {
  const { document, damagedDocument } = sweepPaths(sweepDir);
  try {
    copyFileSync(document, damagedDocument, constants.COPYFILE_EXCL);
  } catch {
    // none to keep (missing), or kept already
  }
}
