/**
 * The files a sweep directory gets once, when it is created: sweeptop.json (its format version
 * and where the sweep file came from) and sweep.yaml (the sweep file's text). sweep.json holds
 * the same, but it is rewritten all the time; these two are what a damaged sweep.json leaves to
 * tell the directory's version and to resume the sweep. `rescore`, which changes the objective
 * the sweep runs by, is the one command that replaces sweep.yaml.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createFileExclusive, writeFileAtomic } from './atomic.js';
import { FORMAT_VERSION } from './format.js';
import { sweepPaths } from './layout.js';
import type { SweepIdentity } from './records.js';

export interface SweepOrigin extends Omit<SweepIdentity, 'format'> {
  /** The sweep file's text, as it was run. */
  text: string;
}

/** A new sweep directory, private to its user (0700), with its origin. */
export function createSweepDirectory(dir: string, origin: SweepOrigin): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeSweepOrigin(dir, origin);
}

/**
 * Writes whichever of the two files is missing: at creation, and when a controller takes over a
 * directory of an earlier format, which thereby becomes the current one. Never replaces one.
 */
export function writeSweepOrigin(dir: string, { text, ...identity }: SweepOrigin): void {
  const paths = sweepPaths(dir);
  // the text first: a directory whose sweeptop.json says version 2 has its sweep.yaml
  createFileExclusive(paths.sweepFile, text);
  const record: SweepIdentity = { format: FORMAT_VERSION, ...identity };
  createFileExclusive(paths.identity, JSON.stringify(record, null, 2) + '\n');
}

/**
 * sweep.yaml with the text the sweep now runs from, after `rescore` changed its objective: the
 * copy a damaged sweep.json falls back on must say what sweep.json says. Only an existing
 * sweep.yaml is replaced; a version-1 directory has none.
 */
export function replaceSweepFileText(dir: string, text: string): void {
  const { sweepFile } = sweepPaths(dir);
  if (existsSync(sweepFile)) writeFileAtomic(sweepFile, text);
}
