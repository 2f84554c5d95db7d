import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { TempDir } from '../helpers/sweep.js';

const FOLD_RUN = resolve('fixtures/fold-run.mjs');
let temp: TempDir;
afterEach(() => temp.remove());

describe('how to run a trial with runs again', () => {
  it('the headless summary and `best` give every run its command, not only the first', async () => {
    temp = new TempDir();
    temp.file(
      'sweep.yaml',
      `name: rerun
command: node ${FOLD_RUN} --lr {lr} --fold {fold} --seed {repeat}
parameters:
  lr: {type: categorical, values: [0.1]}
sampler: grid
folds: 2
repeats: 2
metric: {name: val_acc, goal: maximize}
`,
    );
    const run = await runCli(['run', 'sweep.yaml', '--headless', '--dir', 'out'], { cwd: temp.path });
    expect([run.code, run.stderr]).toEqual([0, '']);
    const commands = (text: string) => [...text.matchAll(/--fold (\d) --seed (\d)/g)].map((m) => `${m[1]} ${m[2]}`);
    // the summary's table: the winner's mean, spread and runs completed of all
    expect(run.stdout).toMatch(/\*0\s+completed\s+0\.6055 ± 0\.005025 \(4\/4\)/);
    const again = run.stdout.slice(run.stdout.indexOf('run it again'));
    expect(commands(again)).toEqual(['0 0', '1 0', '0 1', '1 1']);
    const best = await runCli(['best', 'out'], { cwd: temp.path });
    expect(commands(best.stdout.slice(best.stdout.indexOf('run it again')))).toEqual(['0 0', '1 0', '0 1', '1 1']);
  });
});
