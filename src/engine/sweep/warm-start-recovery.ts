/**
 * A damaged sweep.json takes the warm-start history kept in it along. The earlier sweeps named
 * when the sweep was created — its sweep file's `warm_start`, then the `--warm-start` directories
 * of the command line that created it (made absolute in sweeptop.json, against the folder it ran
 * in) — are read again, with a new sweep's checks, as they are now (they may have more trials
 * than when this sweep started, and the note says so). When one cannot be read, the sampler goes
 * on without any: said once, never silently.
 */
import { isAbsolute } from 'node:path';
import type { SweepConfig } from '../config/sweep-config.js';
import type { SweepIdentity } from '../state/records.js';
import { readWarmStart, type WarmStart } from './warm-start.js';

export async function recoverWarmStart(
  config: Pick<SweepConfig, 'warmStart' | 'parameters' | 'metric'>,
  identity: SweepIdentity | null,
  notify: (notice: string) => void,
): Promise<WarmStart | null> {
  const flagged = flaggedDirs(identity);
  const dirs = [...config.warmStart, ...flagged];
  if (dirs.length === 0) return null;
  const lost = (why: string) => {
    notify(`warning: warm start: sweep.json was damaged and ${why}; the sampler goes on without the earlier sweeps' trials`);
    return null;
  };
  // a directory made before sweeptop.json kept the flags absolute has only the command line as
  // typed, and not the folder it ran in (the record's cwd is the trials'): a relative one is lost
  const relative = flagged.find((dir) => !isAbsolute(dir));
  if (relative !== undefined) return lost(`--warm-start ${relative} was relative to a folder not recorded`);
  try {
    const { warmStart, notices } = await readWarmStart(dirs, config);
    const read = warmStart.sources.map((s) => `${s.trials} trials read again from ${s.dir}`).join(', ');
    notify(`note: warm start: sweep.json was damaged; ${read}, as they are now`);
    for (const notice of notices) notify(`note: ${notice}`);
    return warmStart;
  } catch (error) {
    return lost(error instanceof Error ? error.message : String(error));
  }
}

/** `--warm-start DIR` and `--warm-start=DIR` of the command line that created the sweep: absolute as kept, else as typed. */
function flaggedDirs(identity: SweepIdentity | null): string[] {
  if (!identity) return [];
  if (identity.warmStartFlags) return identity.warmStartFlags;
  const { command } = identity.reproducibility;
  const dirs: string[] = [];
  for (const [i, arg] of command.entries()) {
    const dir = arg === '--warm-start' ? command[i + 1] : arg.startsWith('--warm-start=') ? arg.slice('--warm-start='.length) : undefined;
    if (dir !== undefined) dirs.push(dir);
  }
  return dirs;
}
