/**
 * The top of a sweep directory, before its trials: sweep.json and the sweep file it runs. When
 * sweep.json cannot be read, the caller is told once, in `notices`, what was used instead. `ls`
 * reads only this; load-sweep.ts adds the trials.
 */
import { existsSync, statSync } from 'node:fs';
import type { SweepConfig } from '../config/types.js';
import { permissionDenied, UserError } from '../errors.js';
import { canRead } from './access.js';
import { sweepPaths } from './layout.js';
import type { SweepDocument } from './records.js';
import { readSweepDocument } from './sweep-document.js';

/** The sweep file as it was run: the user's name for it, its absolute path (relative paths in it are relative to its folder), its text. */
export interface StoredSweepFile {
  file: string;
  path: string;
  text: string;
}

export interface SweepHead {
  dir: string;
  /** null when sweep.json is missing or damaged (then a notice says so). */
  document: SweepDocument | null;
  /** null when sweep.json cannot give it; `sweepFileLost` then says why. */
  sweepFile: StoredSweepFile | null;
  sweepFileLost: string | null;
  /** The validated sweep file, as sweep.json holds it; null without one. */
  config: Partial<SweepConfig> | null;
  name: string;
  /** One line each, for stderr: what could not be read, and what was used instead. */
  notices: string[];
}

export async function readSweepHead(dir: string): Promise<SweepHead> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`${dir}: no such sweep directory`);
  if (!canRead(dir)) throw permissionDenied(dir);
  const paths = sweepPaths(dir);
  const reading = await readSweepDocument(dir);
  if (!reading.document && !reading.error && !existsSync(paths.trials)) {
    throw new UserError(`${dir}: not a sweep directory (no sweep.json, no trials/)`);
  }
  const { document } = reading;
  const documentError = document ? null : (reading.error ?? 'no such file');
  const sweepFile = fromDocument(document);
  const config = document ? (document.config as Partial<SweepConfig>) : null;
  const notices = documentError === null ? [] : [damagedNotice(dir, documentError)];
  return {
    dir, document, sweepFile, config, notices,
    sweepFileLost: sweepFile ? null : `sweep.json: ${documentError ?? 'no sweep file in it'}`,
    name: document?.name ?? config?.name ?? dir,
  };
}

function fromDocument(document: SweepDocument | null): StoredSweepFile | null {
  const stored = document?.config as { file?: string; path?: string } | undefined;
  if (!stored?.path || typeof document!.configText !== 'string') return null;
  return { file: stored.file ?? stored.path, path: stored.path, text: document!.configText };
}

function damagedNotice(dir: string, why: string): string {
  const { document, trials } = sweepPaths(dir);
  return `${document} cannot be read (${why}); the trials come from ${trials}/ alone, and their objective's name and goal are unknown`;
}
