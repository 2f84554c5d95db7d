import { appendFileSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listSweeps, liveSweeps, registerSweep, registryPath } from '../../../src/engine/control/registry.js';
import { lockPath, sweepJsonPath } from '../../../src/engine/state/layout.js';
import { readStat } from '../../../src/plugin-api/proc.js';
import { TempDir } from '../../helpers/sweep.js';

let temp: TempDir;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  temp = new TempDir();
  env = { XDG_STATE_HOME: join(temp.path, 'state'), HOME: join(temp.path, 'home') };
});
afterEach(() => temp.remove());

/** A sweep directory as a controller leaves it: sweep.json with a phase, maybe a lock. */
function sweepDir(name: string, phase: string, controllerPid?: number): string {
  const dir = join(temp.path, name);
  mkdirSync(dir);
  writeFileSync(sweepJsonPath(dir), JSON.stringify({ name, phase }));
  if (controllerPid !== undefined) {
    const startTime = readStat(controllerPid)?.startTime ?? 1;
    writeFileSync(lockPath(dir), JSON.stringify({ pid: controllerPid, startTime, host: hostname() }));
  }
  return dir;
}

describe('the sweep registry', () => {
  it('lives under $XDG_STATE_HOME/sweeptop, else ~/.local/state/sweeptop (a relative XDG_STATE_HOME is ignored)', () => {
    expect(registryPath({ XDG_STATE_HOME: '/s', HOME: '/h' })).toBe('/s/sweeptop/sweeps.jsonl');
    expect(registryPath({ HOME: '/h' })).toBe('/h/.local/state/sweeptop/sweeps.jsonl');
    expect(registryPath({ XDG_STATE_HOME: 'rel', HOME: '/h' })).toBe('/h/.local/state/sweeptop/sweeps.jsonl');
  });

  it('lists each sweep once, newest first, as live, finished, dead or missing', async () => {
    const live = sweepDir('live', 'running', process.pid);
    const finished = sweepDir('finished', 'finished');
    const dead = sweepDir('dead', 'running', 2 ** 22 + 7); // above pid_max: never alive
    const stale = sweepDir('stale-lock', 'running', process.pid);
    writeFileSync(lockPath(stale), JSON.stringify({ pid: process.pid, startTime: 12345, host: hostname() })); // a reused pid
    const missing = join(temp.path, 'gone');
    await registerSweep({ dir: finished, name: 'finished', createdAt: 1_000 }, { env });
    await registerSweep({ dir: live, name: 'live', createdAt: 2_000 }, { env });
    await registerSweep({ dir: dead, name: 'dead', createdAt: 3_000 }, { env });
    await registerSweep({ dir: missing, name: 'gone', createdAt: 4_000 }, { env });
    await registerSweep({ dir: stale, name: 'stale', createdAt: 5_000 }, { env });
    await registerSweep({ dir: finished, name: 'finished again', createdAt: 6_000 }, { env }); // resumed: re-registered

    const listed = await listSweeps({ env });
    expect(listed.map((s) => [s.name, s.state])).toEqual([
      ['finished again', 'finished'],
      ['stale', 'dead'],
      ['gone', 'missing'],
      ['dead', 'dead'],
      ['live', 'live'],
    ]);
    expect(listed.find((s) => s.state === 'live')?.pid).toBe(process.pid);
    expect((await liveSweeps({ env })).map((s) => s.dir)).toEqual([live]);
    rmSync(lockPath(live));
    expect(await liveSweeps({ env })).toEqual([]);
  });

  it('keeps the list private and skips damaged lines', async () => {
    const dir = sweepDir('ok', 'finished');
    await registerSweep({ dir, name: 'ok', createdAt: 1 }, { env });
    const path = registryPath(env);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
    appendFileSync(
      path,
      '{"dir": "/half\n\x00\x01garbage\nnull\n[]\n{"dir":"relative/path"}\n{"dir":' +
        JSON.stringify(dir) +
        ',"createdAt":"soon"}\n{"dir":"/nowhere","name":"cut',
    );
    const listed = await listSweeps({ env });
    expect(listed).toEqual([{ dir, name: dir, createdAt: 0, state: 'finished', pid: null }]);
  });

  it('an absent registry lists nothing', async () => {
    expect(await listSweeps({ env })).toEqual([]);
    expect(await liveSweeps({ env })).toEqual([]);
  });
});
