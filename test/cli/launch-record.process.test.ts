/**
 * A controller that dies after starting a trial's process but before it recorded the process
 * (launch.json with its pid) must not make `resume` run that attempt a second time: the launch
 * record written before the spawn (attempt + the trial's token) tells resume the trial may have
 * started; resume finds its process by the token, or its end in its exit_code file.
 */
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { killHard, lockPid, processRecorded, useSweepFolder } from '../helpers/sweep-folder.js';
import { TRAINER, waitFor } from '../helpers/sweep.js';
import { readEnvironVariable, readStat } from '../../src/plugin-api/proc.js';
import { blankRecord } from '../../src/engine/state/sweep-document.js';

const folder = useSweepFolder();

/** A trial of `epochs` × 400 ms. */
const sweep = (epochs: number) => `name: launch-record
command: node ${TRAINER} --lr {lr} --epochs ${epochs} --epoch-ms 400
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
trials: 1
metric: {name: val_loss, goal: minimize}
`;

interface StoredRecord {
  id: number;
  state: string;
  attempt: number;
  handle: Record<string, unknown> | null;
  pid: number | null;
  objective: unknown;
}

/**
 * The folder a controller leaves when it dies between spawning trial 0 and recording its pid:
 * launch.json as written before the spawn (its attempt and token, no pid), and a sweep.json
 * that has the trial as `recorded` says (launching: running without a handle; or still queued).
 * The trial's process (the real one, carrying that token) runs on.
 */
async function diedWhileLaunching(recorded: 'launching' | 'queued', epochs = 5): Promise<{ out: string; trial: string; pid: number }> {
  folder.temp.file('sweep.yaml', sweep(epochs));
  const run = await runCli(['run', 'sweep.yaml', '--detach', '--dir', 'out'], { cwd: folder.temp.path, env: folder.env });
  expect(run.code, run.stderr).toBe(0);
  const out = join(folder.temp.path, 'out');
  const trial = join(out, 'trials', '0');
  await waitFor(() => processRecorded(trial), 15_000, 'trial 0 launched');
  await killHard(lockPid(out));
  const launch = JSON.parse(readFileSync(join(trial, 'launch.json'), 'utf8'));
  const pid = launch.pid as number;
  const token = launch.handle.token as string;
  expect(readEnvironVariable(pid, 'SWEEPTOP_TRIAL_TOKEN')).toBe(token);
  writeFileSync(join(trial, 'launch.json'), JSON.stringify({ ...launch, handle: { token }, pid: null }));
  rmSync(join(trial, 'metrics.jsonl'), { force: true });
  const document = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
  // sweep.json may not have caught up with the launch at all
  let record = document.trials.find((t: StoredRecord) => t.id === 0);
  if (!record)
    document.trials.push((record = { ...blankRecord(0, 'queued'), params: JSON.parse(readFileSync(join(trial, 'params.json'), 'utf8')) }));
  Object.assign(record, {
    state: recorded === 'queued' ? 'queued' : 'running',
    handle: null,
    pid: null,
    objective: null,
    best: null,
    step: null,
    steps: 0,
  });
  writeFileSync(join(out, 'sweep.json'), JSON.stringify(document));
  return { out, trial, pid };
}

const trialRecord = (out: string): StoredRecord => JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8')).trials[0];
/** How many times the trainer started in this folder: it prints its first epoch's metrics once per run. */
const runsIn = (trial: string): number =>
  readFileSync(join(trial, 'stdout.log'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('epoch=0 ')).length;

describe("a crash between a trial's spawn and its launch record", () => {
  it.each(['launching', 'queued'] as const)(
    'a trial that finished meanwhile (sweep.json: %s) is completed from its exit_code and output, not run again',
    async (recorded) => {
      const { out, trial, pid } = await diedWhileLaunching(recorded);
      await waitFor(() => existsSync(join(trial, 'exit_code')), 20_000, 'the trial ended');
      await waitFor(() => readStat(pid) === undefined, 5000, 'its process gone');
      expect(runsIn(trial)).toBe(1);
      const resumed = await runCli(['resume', out, '--headless'], { env: folder.env });
      expect(resumed.code, resumed.stderr).toBe(0);
      const record = trialRecord(out);
      expect(record.state).toBe('completed');
      expect(record.attempt).toBe(0);
      expect(typeof record.objective).toBe('number');
      expect(runsIn(trial)).toBe(1);
      expect(readdirSync(trial).filter((n) => n.startsWith('attempt-'))).toEqual([]);
      const result = JSON.parse(readFileSync(join(trial, 'result.json'), 'utf8'));
      expect(result.state).toBe('completed');
      expect(readFileSync(join(trial, 'metrics.jsonl'), 'utf8')).toMatch(/val_loss/);
    },
    60_000,
  );

  it('a trial still running is found by its token and followed, not launched again', async () => {
    // long enough to outlast the kill and the resume on a loaded machine (2 s did not)
    const { out, trial, pid } = await diedWhileLaunching('launching', 25);
    expect(existsSync(join(trial, 'exit_code'))).toBe(false);
    const resumed = await runCli(['resume', out, '--headless'], { env: folder.env });
    expect(resumed.code, resumed.stderr).toBe(0);
    const record = trialRecord(out);
    expect(record.state).toBe('completed');
    expect(record.attempt).toBe(0);
    expect(record.handle?.pid).toBe(pid);
    expect(typeof record.objective).toBe('number');
    expect(runsIn(trial)).toBe(1);
    expect(readdirSync(trial).filter((n) => n.startsWith('attempt-'))).toEqual([]);
  }, 60_000);
});
