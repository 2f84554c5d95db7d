/**
 * A sweep.json written before a trial's retry was launched (it lags by up to half a second, more
 * on a loaded machine) holds the earlier attempt; the launch.json of the later attempt is the
 * truth. Found by the soak test: resume took the stale record, re-ran an attempt that had already
 * run, and moved that run's files over the earlier attempt's in attempt-<n>/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blankRecord } from '../../../src/engine/state/sweep-document.js';
import { storedTrials } from '../../../src/engine/state/stored-trials.js';
import type { TrialRecord } from '../../../src/engine/state/records.js';
import { TempDir } from '../../helpers/sweep.js';

let temp: TempDir;
beforeEach(() => (temp = new TempDir()));
afterEach(() => temp.remove());

const launchOfAttempt = (attempt: number, pid: number) => ({
  attempt,
  handle: { pid, startTime: 123, token: `t#${attempt}` },
  pid,
  startedAt: 1000 + attempt,
  gpus: null,
  argv: ['node', 'x'],
  cwd: '/w',
});

function trialFolder(id: number, launch: object): void {
  mkdirSync(join(temp.path, 'trials', String(id)), { recursive: true });
  writeFileSync(join(temp.path, 'trials', String(id), 'launch.json'), JSON.stringify(launch));
}

describe('storedTrials with a sweep.json older than the trial folder', () => {
  const stale = (state: TrialRecord['state'], handle: TrialRecord['handle']): TrialRecord => ({
    ...blankRecord(3, state),
    params: { lr: 0.1 },
    attempt: 0,
    handle,
    pid: null,
    exitCode: state === 'failed' ? 1 : null,
  });

  it.each([
    ['being launched (no handle)', stale('pending', null)],
    ["running, with the earlier attempt's process", stale('running', { pid: 41, startTime: 7, token: 't#0' })],
    ['failed', stale('failed', { pid: 41, startTime: 7, token: 't#0' })],
  ])('a record of attempt 0 %s gives way to the launch.json of attempt 1', (_, record) => {
    trialFolder(3, launchOfAttempt(1, 42));
    const [trial] = storedTrials(temp.path, [record]);
    expect(trial).toMatchObject({
      id: 3,
      attempt: 1,
      state: 'running',
      pid: 42,
      handle: { pid: 42, token: 't#1' },
      exitCode: null,
      params: { lr: 0.1 },
    });
  });

  it('a launch.json of an earlier attempt than the record changes nothing', () => {
    trialFolder(3, launchOfAttempt(0, 41));
    const record = { ...stale('queued', null), attempt: 1 };
    expect(storedTrials(temp.path, [record])).toEqual([record]);
  });
});

describe('storedTrials with a trial folder sweep.json never recorded', () => {
  function unrecorded(settings: string | null): TrialRecord {
    const dir = join(temp.path, 'trials', '5');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'params.json'), '{"lr": 0.2}\n');
    if (settings !== null) writeFileSync(join(dir, 'settings.json'), settings);
    return storedTrials(temp.path, [], [{ name: 'lr' }])[0];
  }

  it("takes the trial's own repeats from its settings.json, and the sweep's without one", () => {
    expect(unrecorded('{"repeats": 5}\n')).toMatchObject({ id: 5, params: { lr: 0.2 }, repeats: 5 });
    temp.remove();
    temp = new TempDir();
    expect(unrecorded(null).repeats).toBeUndefined();
  });

  it('never runs a trial whose settings.json cannot be read: its runs are not known', () => {
    const trial = unrecorded('{"repeats": 5');
    expect(trial.state).toBe('lost');
    expect(trial.reason).toMatch(/settings\.json: settings\.json is not valid JSON \(cut short or damaged\)$/);
  });
});

describe('storedTrials of a conditional space', () => {
  const declared = [
    { name: 'optimizer' },
    { name: 'momentum', when: { op: 'compare', comparison: '==', name: 'optimizer', value: 'sgd' } as const },
  ];

  function folder(id: number, params: string): TrialRecord {
    const dir = join(temp.path, 'trials', String(id));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'params.json'), params);
    return storedTrials(temp.path, [], declared).find((t) => t.id === id)!;
  }

  it('reads a trial without its inactive parameter back whole', () => {
    const trial = folder(1, '{"optimizer": "adam"}\n');
    expect(trial.state).not.toBe('lost');
    expect(trial.params).toEqual({ optimizer: 'adam' });
  });

  it('still never runs a trial that lacks an active parameter', () => {
    const trial = folder(2, '{"optimizer": "sgd"}\n');
    expect(trial.state).toBe('lost');
    expect(trial.reason).toMatch(/params\.json has no value for parameter momentum$/);
  });
});
