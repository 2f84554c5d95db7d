/**
 * `sweeptop status DIR` piped to a file or a pager prints every field whole: the prune reasons
 * and the parameters are never cut to a fixed width.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { useSweepFolder } from '../helpers/sweep-folder.js';
import { TRAINER } from '../helpers/sweep.js';

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
});
