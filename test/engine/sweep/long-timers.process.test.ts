/**
 * Durations longer than Node's timers hold (2^31−1 ms, about 24.8 days) with real trial
 * processes: a `timeout: 30d` must not end trials as timed_out at once, nor `max_duration: 30d`
 * stop the sweep after its first trials.
 */
import { describe, expect, it } from 'vitest';
import { makeSweep, runToEnd, tempDirPerTest, TRAINER } from '../../helpers/sweep.js';

const temp = tempDirPerTest();

const sweepFile = (extra: string) => `command: node ${TRAINER} --lr {lr} --epochs 3 --epoch-ms 100
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
sampler: random
seed: 3
trials: 6
parallel: 2
metric: {name: val_loss, goal: minimize}
${extra}`;

describe('timers longer than 24.8 days', () => {
  it('timeout: 30d lets every trial complete', async () => {
    const sweep = await makeSweep(temp, sweepFile('timeout: 30d\ngrace: 30d'));
    const snapshot = await runToEnd(sweep, 30_000);
    expect(snapshot.trials.map((t) => t.state)).toEqual(Array(6).fill('completed'));
  });

  it('max_duration: 30d runs every trial', async () => {
    const sweep = await makeSweep(temp, sweepFile('max_duration: 30d'));
    const snapshot = await runToEnd(sweep, 30_000);
    expect(snapshot.stopReason).not.toMatch(/max_duration/);
    expect(snapshot.trials.map((t) => t.state)).toEqual(Array(6).fill('completed'));
  });

  it('grace: 30d does not SIGKILL a trial that takes its time to end after SIGTERM', async () => {
    const sweep = await makeSweep(
      temp,
      sweepFile('timeout: 1s\ngrace: 30d').replace('trials: 6', 'trials: 1').replace('--epoch-ms 100', '--epoch-ms 600 --ignore-sigterm'),
    );
    const snapshot = await runToEnd(sweep, 30_000);
    // SIGTERM came a second in, its handler long in place: it ignored it and ended on its own
    expect(snapshot.trials[0]).toMatchObject({ state: 'timed_out', signal: null, exitCode: 0 });
  });
});
