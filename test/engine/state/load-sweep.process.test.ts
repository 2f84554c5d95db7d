/**
 * The loader's view of a sweep directory: trial folders win over sweep.json — result.json over a
 * record, launch.json where sweep.json lags, a folder sweep.json never heard of — and trials left
 * running by a gone controller are judged only when asked (status, best, export).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSweep } from '../../../src/engine/state/load-sweep.js';
import { TempDir } from '../../helpers/sweep.js';

const DEAD_PID = 2 ** 22 + 7;

let temp: TempDir;
beforeEach(() => (temp = new TempDir()));
afterEach(() => temp.remove());

function trialFile(id: number, name: string, data: unknown): void {
  mkdirSync(join(temp.path, 'trials', String(id)), { recursive: true });
  writeFileSync(join(temp.path, 'trials', String(id), name), typeof data === 'string' ? data : JSON.stringify(data));
}

const record = (id: number, state: string, extra: object = {}) => ({ id, state, attempt: 0, params: { x: id }, ...extra });
const point = (name: string, step: number, value: number | string) => JSON.stringify({ name, step, value, time: 0, offset: 0 });

describe('loadSweep', () => {
  beforeEach(() => {
    writeFileSync(
      join(temp.path, 'sweep.json'),
      JSON.stringify({
        schema: 1,
        name: 'view',
        phase: 'running',
        config: { metric: { name: 'loss', goal: 'minimize' }, executor: { type: 'local', options: {} } },
        trials: [
          record(0, 'queued'),
          record(1, 'running', { handle: { pid: DEAD_PID, startTime: 1, token: null } }),
          record(2, 'running', { attempt: 1, handle: { pid: DEAD_PID, startTime: 1, token: null } }),
        ],
      }),
    );
    // 0: launched just before sweep.json was last written
    trialFile(0, 'launch.json', {
      attempt: 0,
      handle: { pid: DEAD_PID, startTime: 1, token: null },
      pid: DEAD_PID,
      startedAt: 5,
      gpus: null,
      argv: ['t'],
      cwd: '/w',
    });
    trialFile(0, 'exit_code', '0\n');
    trialFile(0, 'metrics.jsonl', [point('loss', 0, 2), point('loss', 1, 1.5), ''].join('\n'));
    // 1: ended, its result written
    trialFile(1, 'result.json', { ...record(1, 'completed'), objective: 0.5 });
    // 2: a retry runs; the result is its first attempt's
    trialFile(2, 'result.json', { ...record(2, 'failed'), attempt: 0 });
    // 3: a folder sweep.json never heard of, never launched
    trialFile(3, 'params.json', { x: 3 });
  });

  it('reconciles sweep.json with the trial folders, as recorded', async () => {
    const sweep = await loadSweep(temp.path);
    expect(sweep.notices).toEqual([]);
    expect(sweep).toMatchObject({ name: 'view', status: 'stopped', metric: { name: 'loss', goal: 'minimize' }, format: 1 });
    expect(sweep.trials.map((t) => [t.id, t.state, t.attempt])).toEqual([
      [0, 'running', 0],
      [1, 'completed', 0],
      [2, 'running', 1],
      [3, 'running', 0],
    ]);
    expect(sweep.trials[0]).toMatchObject({ pid: DEAD_PID, startedAt: 5, argv: ['t'], cwd: '/w' });
    expect(sweep.trials[3]).toMatchObject({ params: { x: 3 }, handle: null });
    expect(await sweep.curve(0, 'loss')).toEqual([
      { step: 0, value: 2 },
      { step: 1, value: 1.5 },
    ]);
    expect((await sweep.points(0)).map((p) => p.value)).toEqual([2, 1.5]);
  });

  it('judges the trials a gone controller left running when asked: exit_code, else lost', async () => {
    const sweep = await loadSweep(temp.path, { lookAtProcesses: true });
    expect(sweep.trials.map((t) => [t.id, t.state, t.reason])).toEqual([
      [0, 'completed', null],
      [1, 'completed', null],
      [2, 'lost', 'its process vanished without an exit status while no controller ran'],
      [3, 'lost', 'its process vanished without an exit status while no controller ran'],
    ]);
    expect(sweep.trials[0]).toMatchObject({ objective: 1.5, best: 1.5, steps: 2, step: 1, exitCode: 0 });
  });

  it('reads a curve strictly: a damaged line other than a torn last one is named', async () => {
    trialFile(1, 'metrics.jsonl', [point('loss', 0, 1), 'garbage', point('loss', 1, 'nan'), '{"name": "lo'].join('\n'));
    const sweep = await loadSweep(temp.path);
    await expect(sweep.curve(1, 'loss')).rejects.toThrow(
      `${join(temp.path, 'trials', '1', 'metrics.jsonl')}: line 2: not a metric point ({"name", "step", "value"})`,
    );
    expect((await sweep.points(1)).map((p) => p.value)).toEqual([1, NaN]);
  });

  it('takes a damaged record for a damaged sweep.json, and says which field', async () => {
    writeFileSync(join(temp.path, 'sweep.json'), JSON.stringify({ trials: [{ id: 0, state: 'sleeping' }] }));
    const sweep = await loadSweep(temp.path);
    expect(sweep.notices).toEqual([
      `${join(temp.path, 'sweep.json')} cannot be read (trials[0].state: expected a trial state); there is no readable ${join(temp.path, 'sweep.yaml')} either: ` +
        `the trials come from ${join(temp.path, 'trials')}/ alone, and their objective's name and goal are unknown`,
    ]);
    expect(sweep.trials.map((t) => [t.id, t.state])).toEqual([
      [0, 'running'],
      [1, 'completed'],
      [2, 'failed'],
      [3, 'running'],
    ]);
    expect(sweep.metric).toBeNull();
  });
});
