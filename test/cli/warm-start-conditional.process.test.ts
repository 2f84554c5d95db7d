/**
 * Warm start into a conditional space: an earlier sweep's trials that give a value to a parameter
 * this sweep's `when:` leaves out are not trials of this space, and are dropped with a count.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Params } from '../../src/plugin-api/space.js';
import { runCli } from '../helpers/cli.js';
import { TempDir, TRAINER } from '../helpers/sweep.js';

let temp: TempDir;
beforeEach(() => {
  temp = new TempDir();
});
afterEach(() => temp.remove());

const SWEEP = (dropout: string, extra: string) => `command: node ${TRAINER} {args} --epochs 2 --epoch-ms 5
parameters:
  layers: {type: int, low: 1, high: 6}
  dropout: ${dropout}
metric: {name: val_loss, goal: minimize}
sampler: {type: tpe, n_startup_trials: 50}
seed: 3
parallel: 2
${extra}`;

describe('warm start into a conditional space', () => {
  it("drops the earlier trials that have a parameter this sweep's condition leaves out, and keeps the others", async () => {
    temp.file('earlier.yaml', SWEEP('{type: uniform, low: 0.0, high: 0.5}', 'trials: 8\n'));
    const earlier = await runCli(['run', 'earlier.yaml', '--dir', 'earlier', '--headless'], { cwd: temp.path });
    expect([earlier.code, earlier.stderr]).toEqual([0, '']);
    const trials = JSON.parse(readFileSync(join(temp.path, 'earlier', 'sweep.json'), 'utf8')).trials as Array<{ params: Params }>;
    // every earlier trial has a dropout; here only those with 4 layers or more may
    const shallow = trials.filter((t) => (t.params.layers as number) < 4).length;
    expect(shallow).toBeGreaterThan(0);
    expect(shallow).toBeLessThan(8);

    temp.file('later.yaml', SWEEP(`{type: uniform, low: 0.0, high: 0.5, when: "layers >= 4"}`, 'trials: 1\nwarm_start: [earlier]\n'));
    const later = await runCli(['run', 'later.yaml', '--dir', 'later', '--headless'], { cwd: temp.path });
    expect(later.code, later.stderr).toBe(0);
    expect(later.stderr).toContain(
      `warm start: ${shallow} of 8 trials from ${join(temp.path, 'earlier')} dropped: values outside this sweep's space (or present where its when: conditions leave them out)`,
    );
    const status = JSON.parse((await runCli(['status', 'later', '--json'], { cwd: temp.path })).stdout);
    expect(status.warm_start).toEqual({ trials: 8 - shallow, dirs: [join(temp.path, 'earlier')] });
  });
});
