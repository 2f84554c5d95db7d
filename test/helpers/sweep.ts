/** Builds real sweeps from YAML text in a temporary folder, for engine tests. */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseSweepText } from '../../src/engine/config/load.js';
import { resolveSweep } from '../../src/engine/config/resolve.js';
import type { SweepSnapshot } from '../../src/engine/events.js';
import { Sweep } from '../../src/engine/sweep/sweep.js';
import type { Executor } from '../../src/plugin-api/executor.js';
import { readStat, allPids } from '../../src/plugin-api/proc.js';
import { afterEach, beforeEach, vi } from 'vitest';
import { stopTrackedSweeps, track } from './cleanup.js';

export const TRAINER = resolve('fixtures/train.mjs');
export const CLI = resolve('dist/src/cli/main.js');

/**
 * A folder in memory (tmpfs) where there is one: for tests of rules rather than of the disk,
 * as each trial's launch files are synced to disk, which costs milliseconds on a real one.
 */
export const MEMORY_TMPDIR = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

export class TempDir {
  readonly path: string;
  constructor(base = tmpdir()) {
    this.path = mkdtempSync(join(base, 'sweeptop-test-'));
  }
  file(name: string, text: string): string {
    const path = join(this.path, name);
    writeFileSync(path, text);
    return path;
  }
  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

/**
 * For a test file whose tests each build sweeps in a folder of their own: a TempDir that is fresh
 * in every test, whose sweeps are stopped and folder removed after it. Call at the file's top.
 */
export function tempDirPerTest(base = tmpdir()): TempDir {
  let current: TempDir | null = null;
  const active = (): TempDir => current ?? (current = new TempDir(base));
  beforeEach(() => {
    current = new TempDir(base);
  });
  afterEach(async () => {
    await stopTrackedSweeps();
    current?.remove();
    current = null;
  });
  return {
    get path() {
      return active().path;
    },
    file: (name, text) => active().file(name, text),
    remove: () => current?.remove(),
  };
}

/**
 * A Sweep over YAML text (the trainer is reachable as `train.mjs` thanks to cwd); `executor`
 * replaces the one the sweep file names (an in-memory one, for tests of the scheduler's rules).
 */
export async function makeSweep(temp: TempDir, yaml: string, name = 'sweep.yaml', options: { executor?: Executor } = {}): Promise<Sweep> {
  const path = temp.file(name, yaml);
  const loaded = parseSweepText(name, path, yaml);
  const resolved = await resolveSweep(loaded, yaml);
  if (options.executor) {
    await resolved.executor.close();
    resolved.executor = options.executor;
  }
  const dir = join(temp.path, `${name.replace(/\.ya?ml$/, '')}-out`);
  mkdirSync(dir, { recursive: true });
  return track(
    new Sweep({
      resolved,
      dir,
      reproducibility: {
        sweeptopVersion: 'test',
        node: process.version,
        host: 'test',
        user: 'test',
        cwd: temp.path,
        command: [],
        git: null,
      },
    }),
  );
}

export async function runToEnd(sweep: Sweep, timeoutMs = 60_000): Promise<SweepSnapshot> {
  sweep.start();
  return withTimeout(sweep.done, timeoutMs, 'sweep did not finish');
}

export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms))),
  ]);
}

/** Resolves once `check()` holds (vi.waitFor asks every 25 ms); after `ms`, fails naming `message`. */
export async function waitFor(check: () => boolean, ms = 10_000, message = 'condition not met'): Promise<void> {
  await vi.waitFor(
    () => {
      if (!check()) throw new Error(`timed out: ${message}`);
    },
    { timeout: ms, interval: 25 },
  );
}

/** Live (non-zombie) processes of a process group. */
export function groupMembers(pgid: number): number[] {
  return allPids().filter((pid) => {
    const stat = readStat(pid);
    return stat !== undefined && stat.pgid === pgid && stat.state !== 'Z';
  });
}

/** A small valid sweep over the fake trainer; `extra` adds or overrides fields. */
export function sweepBase(extra = ''): string {
  return `command: node ${TRAINER} --lr {lr} --epochs 4 --epoch-ms 50
cwd: .
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
sampler: random
trials: 4
parallel: 2
metric: {name: val_loss, goal: minimize}
${extra}`;
}

/** The one-line error a sweep file with this `executor:` block gets. */
export async function executorConfigError(executor: string): Promise<string> {
  const text = sweepBase(`executor:\n${executor}`);
  try {
    await resolveSweep(parseSweepText('sweep.yaml', '/tmp/sweep.yaml', text), text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a config error');
}
