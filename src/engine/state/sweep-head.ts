/**
 * The top of a sweep directory, before its trials: its format version, sweep.json, and the sweep
 * file it runs. sweep.json is taken first; when it cannot be read, sweeptop.json and sweep.yaml
 * (written once at creation) give the sweep file back, and the caller is told once, in
 * `notices`, what was used instead. `ls` reads only this; load-sweep.ts adds the trials.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { SweepConfig } from '../config/types.js';
import { permissionDenied, UserError } from '../errors.js';
import { canRead } from './access.js';
import { readJsonFile } from './atomic.js';
import { formatVersion, upgradeToCurrent, type StoredFiles } from './format.js';
import { sweepPaths } from './layout.js';
import type { SweepDocument, SweepIdentity } from './records.js';
import { readSweepDocument } from './sweep-document.js';

/** The sweep file as it was run: the user's name for it, its absolute path (relative paths in it are relative to its folder), its text. */
export interface StoredSweepFile {
  file: string;
  path: string;
  text: string;
}

export interface SweepHead {
  dir: string;
  /** The version the directory was written in (format.ts); it is read as the current one. */
  format: number;
  identity: SweepIdentity | null;
  /** null when sweep.json is missing or damaged (then a notice says so). */
  document: SweepDocument | null;
  /** null when neither sweep.json nor sweep.yaml can give it; `sweepFileLost` then says why. */
  sweepFile: StoredSweepFile | null;
  sweepFileLost: string | null;
  /** The validated sweep file: sweep.json's copy, or sweep.yaml's parsed; null with neither. */
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
  const identity = readJsonFile<SweepIdentity>(paths.identity);
  if (!reading.document && !reading.error && !identity && !existsSync(paths.trials)) {
    throw new UserError(`${dir}: not a sweep directory (no sweep.json, no trials/)`);
  }
  const found: StoredFiles = {
    identity,
    document: reading.document,
    documentError: reading.document ? null : (reading.error ?? 'no such file'),
    sweepFileText: await readFile(paths.sweepFile, 'utf8').catch(() => null),
  };
  const format = formatVersion(found);
  const files = upgradeToCurrent(dir, found);
  const { document } = files;
  const sweepFile = fromDocument(document) ?? fromOrigin(files);
  const config = document ? (document.config as Partial<SweepConfig>) : await parseRecovered(sweepFile);
  const notices = files.documentError === null ? [] : [damagedNotice(dir, files.documentError, config !== null)];
  return {
    dir,
    format,
    identity,
    document,
    sweepFile,
    config,
    notices,
    sweepFileLost: sweepFile ? null : lostBecause(files),
    name: document?.name ?? config?.name ?? dir,
  };
}

function fromDocument(document: SweepDocument | null): StoredSweepFile | null {
  const stored = document?.config as { file?: string; path?: string } | undefined;
  if (!stored?.path || typeof document!.configText !== 'string') return null;
  return { file: stored.file ?? stored.path, path: stored.path, text: document!.configText };
}

function fromOrigin({ identity, sweepFileText }: StoredFiles): StoredSweepFile | null {
  if (!identity?.sweepFile?.path || sweepFileText === null) return null;
  return { file: identity.sweepFile.file ?? identity.sweepFile.path, path: identity.sweepFile.path, text: sweepFileText };
}

/** sweep.yaml validated as `run` validated it; null if this sweeptop no longer accepts it. */
async function parseRecovered(sweepFile: StoredSweepFile | null): Promise<Partial<SweepConfig> | null> {
  if (!sweepFile) return null;
  // loaded only for a damaged sweep.json: `ls` and `attach` read heads and stay light
  const { parseSweepText } = await import('../config/load.js');
  try {
    return parseSweepText(sweepFile.file, sweepFile.path, sweepFile.text).config;
  } catch {
    return null;
  }
}

function damagedNotice(dir: string, why: string, recovered: boolean): string {
  const { document, sweepFile, trials } = sweepPaths(dir);
  const instead = recovered
    ? `the sweep file comes from ${sweepFile} and the trials from ${trials}/`
    : `there is no readable ${sweepFile} either: the trials come from ${trials}/ alone, and their objective's name and goal are unknown`;
  return `${document} cannot be read (${why}); ${instead}`;
}

function lostBecause({ documentError, identity, sweepFileText }: StoredFiles): string {
  const json = documentError ?? 'no sweep file in it';
  const yaml = sweepFileText === null ? 'no such file' : identity ? 'unusable' : 'no sweeptop.json to say where it came from';
  return `sweep.json: ${json}; sweep.yaml: ${yaml}`;
}
