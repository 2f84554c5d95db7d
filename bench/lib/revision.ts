/**
 * Another git revision of the repository, checked out beside this one for `--against REV`: `git
 * worktree add --detach` into a temporary folder, sharing this tree's node_modules, so that its
 * TypeScript sources run through the same tsx loader as this tree's.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This repository's root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Revision {
  /** The abbreviated commit the revision names. */
  commit: string;
  /** The root of its checkout. */
  dir: string;
  remove(): void;
}

/** Checks `rev` out beside this tree; `remove()` takes the checkout away. */
export function checkOut(rev: string): Revision {
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', ROOT, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  const commit = git('rev-parse', '--verify', '--short', `${rev}^{commit}`);
  const parent = mkdtempSync(join(tmpdir(), 'sweeptop-bench-rev-'));
  const dir = join(parent, commit);
  git('worktree', 'add', '--detach', dir, commit);
  const remove = () => {
    try {
      git('worktree', 'remove', '--force', dir);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  };
  try {
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  } catch (error) {
    remove();
    throw error;
  }
  return { commit, dir, remove };
}
