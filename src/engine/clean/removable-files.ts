/**
 * What `clean` may remove of one finished trial's folder, and removing it. A trial folder holds
 * sweeptop's records (layout.ts RECORD_FILES: read back by every command), the trial's two logs,
 * and whatever its script wrote into {trial.dir} (checkpoints, event files, plots). Records stay;
 * the rest goes, in the trial's folder, each run's folder (runs/<k>/) and each earlier attempt's
 * (attempt-<n>/), where the same names are records.
 *
 * Nothing is followed: entries are looked at with lstat, so a symbolic link is removed as the link
 * it is (its target, inside the sweep or not, is never read, counted or touched), and a folder is
 * entered only when it is a real folder.
 */
import { lstat, readdir, rmdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ATTEMPT_FOLDER, RECORD_FILES, RUNS_FOLDER } from '../state/layout.js';

/** One entry of a trial folder that `clean` removes: a file, a link, or a folder with all it holds. */
export interface Removable {
  /** Relative to the trial folder, `/`-separated; a folder's ends in `/`. */
  path: string;
  /** Bytes its removal frees: the sizes of the regular files it holds that have no other hard link. */
  bytes: number;
  /** Files it holds (a link counts as one). */
  files: number;
  /** Of those, files with another hard link: removing this name frees nothing while that link stays. */
  linked: number;
}

/** A trial folder's removable entries, in a stable order; empty when it has none (or no folder). */
export async function removableEntries(trialDir: string): Promise<Removable[]> {
  return (await recordFolder(trialDir, '', 'trial')).sort((a, b) => a.path.localeCompare(b.path));
}

type FolderKind = 'trial' | 'run' | 'attempt';

async function recordFolder(dir: string, prefix: string, kind: FolderKind): Promise<Removable[]> {
  const found: Removable[] = [];
  for (const entry of await entriesOf(dir)) {
    const path = join(dir, entry);
    const stats = await lstat(path);
    if (stats.isFile() && RECORD_FILES.has(entry)) continue;
    if (stats.isDirectory() && ATTEMPT_FOLDER.test(entry)) {
      found.push(...(await recordFolder(path, `${prefix}${entry}/`, 'attempt')));
      continue;
    }
    if (stats.isDirectory() && entry === RUNS_FOLDER && kind === 'trial') {
      for (const run of await entriesOf(path)) {
        const runPath = join(path, run);
        const isRun = /^\d+$/.test(run) && (await lstat(runPath)).isDirectory();
        const runPrefix = `${prefix}${RUNS_FOLDER}/${run}`;
        found.push(...(isRun ? await recordFolder(runPath, `${runPrefix}/`, 'run') : [await measured(runPath, runPrefix)]));
      }
      continue;
    }
    found.push(await measured(path, `${prefix}${entry}`));
  }
  return found;
}

/** One entry and all it holds, measured without following a link. */
async function measured(path: string, relative: string): Promise<Removable> {
  const stats = await lstat(path);
  if (!stats.isDirectory()) {
    const linked = stats.isFile() && stats.nlink > 1;
    // a symbolic link's "size" is the length of the path it holds, kept in its inode: no data freed
    const frees = stats.isFile() && !linked;
    return { path: relative, bytes: frees ? stats.size : 0, files: 1, linked: linked ? 1 : 0 };
  }
  const total: Removable = { path: `${relative}/`, bytes: 0, files: 0, linked: 0 };
  for (const entry of await entriesOf(path)) {
    const inner = await measured(join(path, entry), `${relative}/${entry}`);
    total.bytes += inner.bytes;
    total.files += inner.files;
    total.linked += inner.linked;
  }
  return total;
}

/**
 * Removes one entry (relative to `trialDir`): a file or link is unlinked, a folder emptied from
 * the bottom up and removed. What could not be removed is thrown, with its path.
 */
export async function removeEntry(trialDir: string, entry: Removable): Promise<void> {
  await removePath(join(trialDir, entry.path));
}

async function removePath(path: string): Promise<void> {
  const stats = await lstat(path);
  if (!stats.isDirectory()) return unlink(path);
  for (const entry of await entriesOf(path)) await removePath(join(path, entry));
  await rmdir(path);
}

async function entriesOf(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
