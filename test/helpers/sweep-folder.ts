/** A folder per CLI test whose sweep runs as a user's would, and a controller crash on demand. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { readJsonFile } from '../../src/engine/state/atomic.js';
import { readStat } from '../../src/plugin-api/proc.js';
import { runCli } from './cli.js';
import { TempDir, waitFor } from './sweep.js';

export interface SweepFolder {
  temp: TempDir;
  /** A registry of the folder's own (XDG_STATE_HOME), and no runtime dir: sockets go in the sweep. */
  env: NodeJS.ProcessEnv;
}

/** A fresh folder per test; the sweep in `<folder>/out` is stopped (--now) after it, then the folder removed. */
export function useSweepFolder(): SweepFolder {
  const folder = {} as SweepFolder;
  beforeEach(() => {
    folder.temp = new TempDir();
    folder.env = { XDG_STATE_HOME: join(folder.temp.path, 'state'), XDG_RUNTIME_DIR: undefined };
  });
  afterEach(async () => {
    const out = join(folder.temp.path, 'out');
    if (existsSync(out)) await runCli(['stop', out, '--now'], { env: folder.env });
    folder.temp.remove();
  });
  return folder;
}

/** The pid in a sweep's controller.lock. */
export function lockPid(dir: string): number {
  return (JSON.parse(readFileSync(join(dir, 'controller.lock'), 'utf8')) as { pid: number }).pid;
}

/**
 * True once the trial folder's launch.json names its process (a pid): before the spawn it holds
 * only the attempt and token.
 */
export function processRecorded(trialDir: string): boolean {
  return typeof readJsonFile<{ pid?: unknown }>(join(trialDir, 'launch.json'))?.pid === 'number';
}

/** Kills a process as a crash would (SIGKILL) and waits until it is gone. */
export async function killHard(pid: number): Promise<void> {
  process.kill(pid, 'SIGKILL');
  await waitFor(() => readStat(pid) === undefined || readStat(pid)!.state === 'Z', 5000, `pid ${pid} gone`);
}
