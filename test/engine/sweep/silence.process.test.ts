/**
 * Silence, stall_timeout and the time to go, with real trial processes: the fixture trainer prints
 * its epochs and then, with --hang, prints nothing more and never exits. The floor of the silence
 * threshold is shortened (SWEEPTOP_SILENCE_FLOOR_MS) so the test takes seconds, not minutes.
 */
import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrialSnapshot } from '../../../src/engine/events.js';
import { stopTrackedSweeps } from '../../helpers/cleanup.js';
import { makeSweep, runToEnd, TempDir, TRAINER, waitFor } from '../../helpers/sweep.js';

const FLOOR_MS = 1500;
let temp: TempDir;
beforeEach(() => {
  temp = new TempDir();
  process.env.SWEEPTOP_SILENCE_FLOOR_MS = String(FLOOR_MS);
});
afterEach(async () => {
  delete process.env.SWEEPTOP_SILENCE_FLOOR_MS;
  await stopTrackedSweeps();
  temp.remove();
});

const sweepFile = (extra: string) => `command: node ${TRAINER} --epochs {epochs} --epoch-ms 100 --hang
parameters:
  epochs: {type: choice, values: [2, 400]}
sampler: grid
metric: {name: val_loss, goal: minimize}
parallel: 2
${extra}`;

describe('silence', () => {
  it('flags a trial that stopped printing after its threshold, never one still printing; and the time to go from an epochs parameter', async () => {
    const sweep = await makeSweep(temp, sweepFile('trials: 2'));
    const flagged = new Map<number, { at: number; trial: TrialSnapshot }>();
    sweep.on('trial:updated', ({ trial }) => {
      if (trial.silentSince !== null && !flagged.has(trial.id)) flagged.set(trial.id, { at: Date.now(), trial });
    });
    sweep.start();
    await waitFor(() => flagged.has(0), 15_000, 'trial 0 flagged silent');
    const quiet = sweep.snapshot().trials[0];
    const lastOutput = statSync(`${quiet.dir}/stdout.log`).mtimeMs;
    const { at, trial } = flagged.get(0)!;
    // flagged after the threshold, and no later than one check after it
    expect(at - lastOutput).toBeGreaterThanOrEqual(FLOOR_MS);
    expect(at - lastOutput).toBeLessThan(FLOOR_MS + 1500);
    expect(Math.abs(trial.silentSince! - lastOutput)).toBeLessThan(500);
    // the other trial prints every 100 ms: never flagged
    expect(flagged.has(1)).toBe(false);
    expect(sweep.snapshot().trials[1].silentSince).toBeNull();
    // the time to go of a trial counting epochs against its `epochs` parameter
    await waitFor(() => sweep.snapshot().trials[1].etaMs !== null, 10_000, 'trial 1 has a time to go');
    const eta = sweep.snapshot().trials[1].etaMs!;
    expect(eta).toBeGreaterThan(20_000);
    expect(eta).toBeLessThan(80_000);
  }, 30_000);

  it('stall_timeout stops a silent trial and retries it; it is failed with a reason that says so', async () => {
    const sweep = await makeSweep(temp, sweepFile('trials: 1\nstall_timeout: 2s\nretries: 1').replace('values: [2, 400]', 'values: [2]'));
    const snapshot = await runToEnd(sweep, 30_000);
    const [trial] = snapshot.trials;
    expect(trial.state).toBe('failed');
    expect(trial.attempt).toBe(1);
    expect(trial.reason).toMatch(/^stalled: no output for \d+s \(stall_timeout 2s\)$/);
  }, 40_000);
});
