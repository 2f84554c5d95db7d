/**
 * For tests of detached controllers (`run --detach`, `resume`): each test gets a fresh folder and
 * an environment whose sweep registry is inside it; after it, the controllers it noted are
 * SIGKILLed and every sweep in the folder is stopped, so no trial outlives the test.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { runCli } from './cli.js';
import { TempDir } from './sweep.js';

export interface DetachedSweeps {
  /** This test's folder. */
  readonly temp: TempDir;
  /** The environment for runCli: the sweep registry in this test's folder, no runtime dir. */
  readonly env: NodeJS.ProcessEnv;
  /** Controller pids the test started: killed after it. */
  readonly controllers: number[];
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
  return { temp, env, controllers };
}
