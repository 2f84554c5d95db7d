/**
 * `best` on a sweep with folds × repeats: the paired test over each trial's recorded runs, paired
 * by run key, against the next three trials — in words, and as `distinction` in `best --json`.
 */
import { resolve } from 'node:path';
import * as v from 'valibot';
import { beforeAll, describe, expect, it } from 'vitest';
import { outputSchema } from '../../src/cli/output/json-output.js';
import { BEST_JSON } from '../../src/cli/output/shapes.js';
import { runCli } from '../helpers/cli.js';
import { TempDir } from '../helpers/sweep.js';

const FOLD_TRAINER = resolve('fixtures/fold-trainer.mjs');

// 4 folds × 2 seeds = 8 shared runs. lr 0.01, 0.0102 and 0.013 sit at the bottom of the trainer's
// bowl, apart by less than its noise; lr 0.1 is worse on every run.
const SWEEP = `name: best-runs
command: node ${FOLD_TRAINER} --lr {lr} --fold {fold} --folds 4 --seed {repeat} --ms 0
parameters:
  lr: {type: categorical, values: [0.01, 0.0102, 0.013, 0.1]}
sampler: grid
folds: 4
repeats: 2
parallel: 2
runs_parallel: 2
metric: {name: accuracy, goal: maximize}
`;

interface StatusRun {
  key: string;
  objective: number;
}

describe('best on a sweep with runs', () => {
  const temp = new TempDir();
  let runsOf: Map<number, StatusRun[]>;
  beforeAll(async () => {
    temp.file('sweep.yaml', SWEEP);
    const ran = await runCli(['run', 'sweep.yaml', '--headless', '--dir', 'out'], { cwd: temp.path });
    expect(ran.code, ran.stderr).toBe(0);
    const status = JSON.parse((await runCli(['status', 'out', '--json'], { cwd: temp.path })).stdout);
    runsOf = new Map(status.trials.map((t: { id: number; runs: StatusRun[] }) => [t.id, t.runs]));
  }, 120_000);

  it('says which of the next three trials the winner is distinguishable from', async () => {
    const { code, stdout } = await runCli(['best', 'out'], { cwd: temp.path });
    expect(code).toBe(0);
    expect(stdout).toContain('best trial: 0  accuracy 0.9742 (maximize) ± 0.003855 over 8 runs');
    expect(stdout).toContain(
      'best #0: 0.9742 ± 0.003855; not distinguishable from #2 (p = 0.71), #1 (p = 0.74); distinguishable from #3 (p = 0.0078) — Wilcoxon signed-rank over shared runs, exact, α = 0.05',
    );
  });

  it('best --json gives the same verdicts, paired by run key', async () => {
    const { code, stdout } = await runCli(['best', 'out', '--json'], { cwd: temp.path });
    expect(code).toBe(0);
    const record = JSON.parse(stdout);
    const parsed = v.safeParse(outputSchema(BEST_JSON), record);
    expect(parsed.success, parsed.issues ? v.summarize(parsed.issues) : '').toBe(true);
    const { distinction } = record;
    expect(distinction.best).toMatchObject({ id: 0, runs: 8 });
    expect(distinction.rivals.map((r: { id: number; verdict: string }) => `${r.id} ${r.verdict}`)).toEqual([
      '2 not-distinguishable',
      '1 not-distinguishable',
      '3 distinguishable',
    ]);
    // every one of the 8 runs of #0 beats the same run of #3: the exact p-value is 2 / 2^8
    const winner = new Map(runsOf.get(0)!.map((r) => [r.key, r.objective]));
    expect(runsOf.get(3)!.every((r) => winner.get(r.key)! > r.objective)).toBe(true);
    const third = distinction.rivals[2];
    expect(third).toMatchObject({ shared_runs: 8, method: 'exact' });
    expect(third.p).toBeCloseTo(2 / 2 ** 8, 12);
    expect(distinction.statement).toMatch(/^best #0: .*distinguishable from #3 \(p = 0\.0078\)/);
  });
});
