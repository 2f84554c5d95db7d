/**
 * A lock file that two processes never both hold, however their steps interleave.
 *
 * Taking a free lock is one exclusive creation (atomic.ts). Taking over a stale one is where
 * lock files usually fail: two processes that both judged the same lock stale both remove it and
 * both create their own — the second removing the first's fresh lock (proper-lockfile has this
 * race: moxystudio/node-proper-lockfile#121; it also judges by mtime alone, with no owner to
 * check, which is why it is not used here). Here only the process that exclusively creates the
 * claim file named after the stale lock's content may replace it, and it first checks that the
 * lock is still that stale one; every other contender finds the claim taken and, once the new
 * lock is in place, judges that one. A claim whose claimer died is taken over the same way, one
 * level down. (A lock wrongly judged stale whose owner removes it at the instant it is replaced
 * is the one case left; the heartbeat's margin keeps live owners from being judged stale.)
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { createFileExclusive, writeFileAtomic } from './atomic.js';

/** Whether the lock with this content, last refreshed then, is held by a live owner. */
export type LockJudge = (text: string, refreshedAt: number) => 'held' | 'stale';

export interface LockFile {
  /** False when a live owner holds it. */
  readonly held: boolean;
  /** Marks the lock as fresh; false when it is no longer ours. */
  refresh(): boolean;
  release(): void;
}

const ATTEMPTS = 200;
const BUSY_WAIT_MS = 10;
/** Claims of claims: each level needs one more claimer to have died mid-takeover. */
const MAX_DEPTH = 3;

export function acquireLockFile(path: string, text: string, judge: LockJudge): LockFile {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (createFileExclusive(path, text)) return heldFile(path, text);
    const current = readCurrent(path);
    if (!current) continue; // released meanwhile
    if (judge(current.text, current.refreshedAt) === 'held') break;
    const outcome = takeOver(path, current.text, text, judge, 0);
    if (outcome === 'taken') return heldFile(path, text);
    if (outcome === 'busy') sleep(BUSY_WAIT_MS);
  }
  return { held: false, refresh: () => false, release: () => {} };
}

/** 'lost': another process replaced the stale lock first; 'busy': a live claimer is replacing it. */
function takeOver(path: string, staleText: string, text: string, judge: LockJudge, depth: number): 'taken' | 'lost' | 'busy' {
  const claim = `${path}.${createHash('sha256').update(staleText).digest('hex').slice(0, 16)}.claim`;
  if (!createFileExclusive(claim, text)) {
    const claimer = readCurrent(claim);
    if (!claimer || depth >= MAX_DEPTH || judge(claimer.text, claimer.refreshedAt) === 'held') return 'busy';
    const claimed = takeOver(claim, claimer.text, text, judge, depth + 1);
    if (claimed !== 'taken') return claimed;
  }
  try {
    if (readCurrent(path)?.text !== staleText) return 'lost';
    writeFileAtomic(path, text);
    return 'taken';
  } finally {
    rmSync(claim, { force: true });
  }
}

function heldFile(path: string, text: string): LockFile {
  const ours = () => readCurrent(path)?.text === text;
  return {
    held: true,
    refresh() {
      if (!ours()) return false;
      const now = new Date();
      try {
        utimesSync(path, now, now);
        return true;
      } catch {
        return false; // removed meanwhile
      }
    },
    release() {
      if (ours()) rmSync(path, { force: true });
    },
  };
}

function readCurrent(path: string): { text: string; refreshedAt: number } | null {
  try {
    return { text: readFileSync(path, 'utf8'), refreshedAt: statSync(path).mtimeMs };
  } catch {
    return null;
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}
