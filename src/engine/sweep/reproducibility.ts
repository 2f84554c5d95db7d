/** Who ran the sweep, where, with which code: enough to reproduce it months later. */
import { execFileSync } from 'node:child_process';
import { hostname, userInfo } from 'node:os';
import type { ReproducibilityRecord } from '../state/records.js';
import { SWEEPTOP_VERSION } from '../version.js';

export function reproducibilityRecord(cwd: string): ReproducibilityRecord {
  return {
    sweeptopVersion: SWEEPTOP_VERSION,
    node: process.version,
    host: hostname(),
    user: safeUser(),
    cwd,
    command: process.argv.slice(1),
    git: gitState(cwd),
  };
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return String(process.getuid?.() ?? 'unknown');
  }
}

function gitState(cwd: string): { commit: string; dirty: boolean } | null {
  const git = (args: string[]) =>
    execFileSync('git', args, { cwd, encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const commit = git(['rev-parse', 'HEAD']);
    const dirty = git(['status', '--porcelain', '--untracked-files=no']).length > 0;
    return { commit, dirty };
  } catch {
    return null;
  }
}
