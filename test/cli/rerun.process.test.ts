/**
 * `sweeptop rerun DIR --top N --repeats R` on a finished sweep with runs: the leading
 * configurations run again, same values, as new trials of the same sweep with R repeats each;
 * no run of the earlier trials runs again; then the winner statement over the shared runs.
 */
import { join, resolve } from 'node:path';
import { runsStarted } from '../helpers/fold-ledger.js';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDirPerTest } from '../helpers/sweep.js';

const FOLD_RUN = resolve('fixtures/fold-run.mjs');
const temp = tempDirPerTest();

// each run's result is 0.5 + lr + fold/100 + repeat/1000 (fold-run.mjs)
const SWEEP = `name: rerun
command: node ${FOLD_RUN} --lr {lr} --fold {fold} --repeat {repeat} --epochs 2 --epoch-ms 10 --ledger ledger.txt
parameters:
  lr: {type: categorical, values: [0.1, 0.2, 0.3, 0.4]}
sampler: grid
folds: 2
repeats: 2
parallel: 2
metric: {name: val_acc, goal: maximize}
`;

/** `trial fold repeat` of every run started, with how often. */
const started = () => runsStarted(join(temp.path, 'ledger.txt'));

describe('sweeptop rerun on a finished sweep', () => {
  it('runs the top configurations again over more repeats as new trials, then says whether the winner is distinguishable', async () => {
    temp.file('sweep.yaml', SWEEP);
    const ran = await runCli(['run', 'sweep.yaml', '--headless', '--dir', 'out'], { cwd: temp.path });
    expect(ran.code, ran.stderr).toBe(0);
    expect(started().size).toBe(16);

    const rerun = await runCli(['rerun', 'out', '--top', '2', '--repeats', '4'], { cwd: temp.path });
    expect(rerun.code, rerun.stderr).toBe(0);

    const status = JSON.parse((await runCli(['status', 'out', '--json'], { cwd: temp.path })).stdout);
    const added = status.trials.filter((t: { id: number }) => t.id >= 4);
    expect(added.map((t: { id: number; params: object; state: string }) => [t.id, t.params, t.state])).toEqual([
      [4, { lr: 0.4 }, 'completed'],
      [5, { lr: 0.3 }, 'completed'],
    ]);
    for (const trial of added) {
      expect(trial.runs.map((r: { key: string }) => r.key)).toEqual(
        [0, 1, 2, 3].flatMap((repeat) => [0, 1].map((fold) => `fold ${fold} repeat ${repeat}`)),
      );
      // the mean of its 8 runs: 0.5 + lr + mean fold/100 + mean repeat/1000
      expect(trial.objective).toBeCloseTo(0.5 + trial.params.lr + 0.005 + 0.0015, 9);
    }
    // every run of every trial ran exactly once: the first four trials' runs were not run again
    const runs = started();
    expect(runs.size).toBe(16 + 16);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);

    // #4 and #3 share 4 runs, equal; #4 beats #5 on all 8 shared runs: exact p = 2 / 2^8
    expect(rerun.stdout).toContain(
      'best #4: 0.9065 ± 0.005123; distinguishable from #5 (p = 0.0078); too few shared runs to tell from #3 (4), #2 (4) — Wilcoxon signed-rank over shared runs, exact, α = 0.05',
    );
    const best = await runCli(['best', 'out'], { cwd: temp.path });
    expect(best.stdout).toContain('best #4: 0.9065');
  }, 120_000);

  it('refuses more repeats on a sweep without repeats, naming why', async () => {
    temp.file('sweep.yaml', SWEEP.replace('--repeat {repeat} ', '').replace('repeats: 2\n', ''));
    expect((await runCli(['run', 'sweep.yaml', '--headless', '--dir', 'out'], { cwd: temp.path })).code).toBe(0);
    const rerun = await runCli(['rerun', 'out', '--top', '1', '--repeats', '3'], { cwd: temp.path });
    expect(rerun.code).toBe(1);
    expect(rerun.stderr).toBe('sweeptop: repeats: this sweep has no `repeats` (its command takes no {repeat})\n');
    expect(started().size).toBe(8);
  }, 60_000);
});
