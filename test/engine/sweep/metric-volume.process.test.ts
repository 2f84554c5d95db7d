import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMetricCurve, readMetricLog } from '../../../src/engine/state/metric-log.js';
import { STORED_AS_THEY_COME, THINNING_WINDOW } from '../../../src/engine/state/metric-thinning.js';
import { loadSweep } from '../../../src/engine/state/load-sweep.js';
import { exportRow } from '../../../src/engine/state/export-rows.js';
import { runCli } from '../../helpers/cli.js';
import { makeSweep, runToEnd, tempDirPerTest } from '../../helpers/sweep.js';

const DENSE = resolve('fixtures/dense-metrics.mjs');
const LONG_LINES = resolve('fixtures/long-lines.mjs');

const temp = tempDirPerTest();

/** `name=value` by step, as the log printed them. */
function seriesInLog(log: string, name: string): Array<{ step: number; value: number }> {
  const pattern = new RegExp(`^step=(\\d+) .*\\b${name}=(\\S+)`, 'gm');
  return [...log.matchAll(pattern)].map((m) => ({ step: Number(m[1]), value: Number(m[2]) }));
}

describe('a trial printing metrics densely', () => {
  it('stores its other metrics thinned (min, max, last kept) and every objective point, so replay and export see the series the pruner saw', async () => {
    const lines = 100_000;
    const sweep = await makeSweep(
      temp,
      `command: node ${DENSE} --lines ${lines} --every 20 --seed {seed}
parameters:
  seed: {type: choice, values: [1]}
sampler: grid
metric: {name: val_loss, goal: minimize}
pruner: {type: median, n_startup_trials: 1}
`,
    );
    await runToEnd(sweep, 120_000);
    const trialDir = join(sweep.dir, 'trials', '0');
    const log = readFileSync(join(trialDir, 'stdout.log'), 'utf8');
    const stored = await readMetricLog(join(trialDir, 'metrics.jsonl'));

    const objective = seriesInLog(log, 'val_loss');
    expect(objective).toHaveLength(lines / 20);
    expect(stored.filter((p) => p.name === 'val_loss').map(({ step, value }) => ({ step, value }))).toEqual(objective);
    expect(await readMetricCurve(join(trialDir, 'metrics.jsonl'), 'val_loss')).toEqual(objective);

    // three other metrics: the first points as they come, then at most 3 per window
    const windows = Math.ceil((lines - STORED_AS_THEY_COME) / THINNING_WINDOW);
    const allowed = objective.length + 3 * (STORED_AS_THEY_COME + 3 * windows);
    expect(stored.length).toBeLessThanOrEqual(allowed);
    const bytesPerPoint = 120;
    expect(statSync(join(trialDir, 'metrics.jsonl')).size).toBeLessThan(allowed * bytesPerPoint);
    for (const name of ['loss', 'grad_norm', 'lr']) {
      const printed = seriesInLog(log, name);
      const kept = stored.filter((p) => p.name === name);
      expect(kept.length).toBeLessThan(printed.length / 10);
      const values = printed.map((p) => p.value);
      expect(kept.some((p) => p.value === values.reduce((a, b) => Math.min(a, b)))).toBe(true);
      expect(kept.some((p) => p.value === values.reduce((a, b) => Math.max(a, b)))).toBe(true);
      expect(kept.at(-1)).toMatchObject(printed.at(-1)!);
    }

    const loaded = await loadSweep(sweep.dir);
    const row = exportRow(loaded.trials[0]);
    expect(row.objective).toBe(objective.at(-1)!.value);
  }, 150_000);
});

describe('a trial printing lines longer than 1 MiB', () => {
  it('records the metrics at the start and at the end of each 10 MB line, and carries one note of the cut', async () => {
    const sweep = await makeSweep(
      temp,
      `command: node ${LONG_LINES} --count 4 --mb 10 --seed {seed}
parameters:
  seed: {type: choice, values: [1]}
sampler: grid
metric: {name: val_loss, goal: minimize}
`,
    );
    await runToEnd(sweep, 120_000);
    const trialDir = join(sweep.dir, 'trials', '0');
    const stored = await readMetricLog(join(trialDir, 'metrics.jsonl'));
    expect(stored.filter((p) => p.name === 'val_loss').map(({ step, value }) => ({ step, value }))).toEqual([
      { step: 0, value: 0.123 },
      { step: 1, value: 0.124 },
      { step: 2, value: 0.125 },
      { step: 3, value: 0.126 },
    ]);
    const [trial] = (await loadSweep(sweep.dir)).trials;
    expect(trial.notes).toHaveLength(1);
    expect(trial.notes![0]).toMatch(/^stdout: a line of 10\.0 MB was cut: metrics are read from its first 1 MiB and last 64 KiB/);
    const status = await runCli(['status', sweep.dir]);
    expect(status.stdout.match(/^trial 0: stdout: a line of 10\.0 MB was cut/gm)).toHaveLength(1);
  }, 150_000);
});
