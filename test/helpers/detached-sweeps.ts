/**
 * For tests of detached controllers (`run --detach`, `resume`): each test gets a fresh folder and
 * an environment whose sweep registry is inside it; after it, the controllers it noted are
 * SIGKILLed and every sweep in the folder is stopped, so no trial outlives the test.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { runCli } from './cli.js';
import { TempDir } from './sweep.js';

export interface DetachedSweeps {
  /** This test's folder. */
  readonly temp: TempDir;
  /** The environment for runCli: the sweep registry in this test's folder, no runtime dir. */
  readonly env: NodeJS.ProcessEnv;
  /** Controller pids the test started: killed after it. */
  readonly controllers: number[];
  /**
   * `sweeptop run sweep.yaml --detach --dir out` on `sweepText`, in this test's folder: the sweep
   * directory and its controller's pid (noted, so it is killed after the test).
   */
  startDetached(sweepText: string): Promise<{ dir: string; controller: number }>;
}

export function detachedSweepsPerTest(): DetachedSweeps {
  let current: TempDir | null = null;
  const folder = (): TempDir => current ?? (current = new TempDir());
  const controllers: number[] = [];
  const temp: TempDir = {
    get path() {
      return folder().path;
    },
    file: (name, text) => folder().file(name, text),
    remove: () => current?.remove(),
  };
  const env: NodeJS.ProcessEnv = {
    get XDG_STATE_HOME() {
      return join(folder().path, 'state');
    },
    XDG_RUNTIME_DIR: undefined,
  };
  beforeEach(() => {
    current = new TempDir();
  });
  afterEach(async () => {
    for (const pid of controllers.splice(0)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    const path = folder().path;
    for (const dir of readdirSync(path).filter((d) => existsSync(join(path, d, 'sweep.json')))) {
      await runCli(['stop', join(path, dir), '--now'], { env: { ...env } });
    }
    current?.remove();
    current = null;
  });
  const startDetached = async (sweepText: string) => {
    temp.file('sweep.yaml', sweepText);
    const started = await runCli(['run', 'sweep.yaml', '--detach', '--dir', 'out'], { cwd: temp.path, env });
    expect([started.code, started.stderr]).toEqual([0, '']);
    const dir = started.stdout.trim();
    const controller = JSON.parse(readFileSync(join(dir, 'controller.lock'), 'utf8')).pid as number;
    controllers.push(controller);
    return { dir, controller };
  };
  return { temp, env, controllers, startDetached };
}
