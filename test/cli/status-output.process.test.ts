/**
 * `sweeptop status DIR` piped to a file or a pager prints every field whole: the prune reasons
 * and the parameters are never cut to a fixed width.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { useSweepFolder } from '../helpers/sweep-folder.js';
import { TRAINER } from '../helpers/sweep.js';

const FOLD_RUN = resolve('fixtures/fold-run.mjs');

const folder = useSweepFolder();

describe('status', () => {
  it('prints whole prune reasons and parameters when piped', async () => {
    const file = join(folder.temp.path, 'wide.yaml');
    // one trial at a time: each is judged against the same completed curves however loaded the
    // machine is, so the pruning (and its long reasons) does not depend on timing
    writeFileSync(
      file,
      `name: wide
command: node ${TRAINER} --lr {learning_rate_of_the_optimizer} --dropout {dropout_probability_between_layers} --epochs 10 --epoch-ms 20
parameters:
  learning_rate_of_the_optimizer: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
  dropout_probability_between_layers: {type: uniform, low: 0.0, high: 0.5}
trials: 8
parallel: 1
seed: 5
metric: val_loss
pruner: {type: median, n_warmup_steps: 2, n_startup_trials: 2}
`,
    );
    const out = join(folder.temp.path, 'out');
    const run = await runCli(['run', file, '--headless', '--dir', out], { env: folder.env });
    expect(run.code).toBe(0);
    const json = JSON.parse((await runCli(['status', out, '--json'], { env: folder.env })).stdout) as {
      trials: { id: number; reason: string | null; params: Record<string, number> }[];
    };
    const text = await runCli(['status', out], { env: folder.env });
    expect(text.code).toBe(0);
    const reasons = json.trials.map((t) => t.reason).filter((r): r is string => r !== null);
    expect(
      reasons.some((r) => r.length > 80),
      'some reason is wider than the old cut-off',
    ).toBe(true);
    for (const reason of reasons) expect(text.stdout).toContain(reason);
    expect(text.stdout).not.toContain('…');
    const lines = text.stdout.split('\n');
    for (const trial of json.trials) {
      const line = lines.find((l) => new RegExp(`^\\*?\\s*${trial.id}\\s`).test(l))!;
      // both parameters, names whole (the values are rounded to four digits, as everywhere in the table)
      expect(line).toMatch(/learning_rate_of_the_optimizer=\S+ dropout_probability_between_layers=\S+/);
    }
  });

  it('shows a trial with runs as its mean ± spread (runs completed/all)', async () => {
    const file = join(folder.temp.path, 'folds.yaml');
    // fold 1 fails when ff is 1: that trial ends with one run of four completed
    writeFileSync(
      file,
      `name: folds
command: node ${FOLD_RUN} --lr 0.1 --fold {fold} --repeat {repeat} --fail-fold {ff}
parameters:
  ff: {type: categorical, values: [9, 1]}
sampler: grid
folds: 2
repeats: 2
metric: {name: val_acc, goal: maximize}
`,
    );
    const out = join(folder.temp.path, 'out');
    expect((await runCli(['run', file, '--headless', '--dir', out], { env: folder.env })).code).toBe(0);
    const lines = (await runCli(['status', out], { env: folder.env })).stdout.split('\n');
    // runs 0.6, 0.61, 0.601, 0.611: mean 0.6055, standard deviation 0.005025 (over the runs, not a sample estimate)
    expect(lines.find((l) => /^\*?\s*0\s/.test(l))).toMatch(/completed\s+0\.6055 ± 0\.005025 \(4\/4\)/);
    // fold 0 (0.6) and what fold 1 reported before it failed (0.59): one run of four completed
    expect(lines.find((l) => /^\*?\s*1\s/.test(l))).toMatch(/failed\s+0\.595 ± 0\.005 \(1\/4\)/);
  });
});
