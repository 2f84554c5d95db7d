/**
 * A finished sweep seen with nobody running it (`sweeptop attach` on it) is drawn from
 * storedSnapshot: a sweep with folds must show each trial's runs and the winner line as the live
 * sweep did, and a budget sweep its levels.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSweep } from '../../../src/engine/state/load-sweep.js';
import { storedSnapshot } from '../../../src/engine/state/stored-snapshot.js';
import { runCli } from '../../helpers/cli.js';
import { useSweepFolder } from '../../helpers/sweep-folder.js';

const folder = useSweepFolder();

async function finishedSweep(yaml: string) {
  const { temp, env } = folder;
  temp.file('sweep.yaml', yaml);
  const ran = await runCli(['run', 'sweep.yaml', '--headless', '--dir', 'out'], { cwd: temp.path, env });
  expect(ran.code).toBe(0);
  const dir = resolve(temp.path, 'out');
  const status = JSON.parse((await runCli(['status', dir, '--json'], { env })).stdout);
  return { snapshot: storedSnapshot(await loadSweep(dir)), status };
}

describe('a finished sweep with runs, as attach shows it', () => {
  it("lists each trial's runs with their results, and the winner line", async () => {
    const { snapshot, status } = await finishedSweep(`name: folds
command: node ${resolve('fixtures/fold-run.mjs')} --lr {lr} --fold {fold} --repeat {repeat} --epochs 2 --epoch-ms 10
parameters:
  lr: {type: categorical, values: [0.1, 0.3]}
sampler: grid
folds: 3
repeats: 2
metric: {name: val_acc, goal: maximize}
`);
    expect(snapshot.trials.map((t) => t.runs?.map((r) => [r.key, r.state, r.objective]))).toEqual(
      status.trials.map((t: { runs: Array<{ key: string; state: string; objective: number }> }) =>
        t.runs.map((r) => [r.key, r.state, r.objective]),
      ),
    );
    expect(snapshot.trials[0].runs?.[4].dir).toMatch(/trials\/0\/runs\/4$/);
    // each run is 0.5 + lr + fold/100 + repeat/1000: trial 1 beats trial 0 in all 6 shared runs
    expect(snapshot.winner?.best?.id).toBe(1);
    expect(snapshot.winner?.rivals[0]).toMatchObject({ id: 0, verdict: 'distinguishable' });
  }, 60_000);

  it('gives a budget sweep its levels, and each run its level', async () => {
    const { snapshot } = await finishedSweep(`name: budget
command: node ${resolve('fixtures/budget-run.mjs')} --lr {lr} --width 32 --budget {budget} --ms 10
parameters:
  lr: {type: categorical, values: [0.1, 0.2, 0.3, 0.4]}
sampler: grid
budget: {min: 0.1, max: 1.0, reduction_factor: 3}
metric: {name: accuracy, goal: maximize}
`);
    expect(snapshot.budgetLevels).toHaveLength(3);
    const top = snapshot.trials.find((t) => t.state === 'completed');
    expect(top?.runs?.map((r) => r.level)).toEqual([0, 1, 2]);
    expect(snapshot.winner).toBeUndefined();
  }, 60_000);
});
