/**
 * Pruning across runs with real processes: a bad configuration is stopped after its first fold
 * and its later folds never start (the fixture's ledger counts the processes), and a `resume`
 * after the controller's kill -9 does not run them either.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStat } from '../../src/plugin-api/proc.js';
import { runCli } from '../helpers/cli.js';
import { detachedSweepsPerTest } from '../helpers/detached-sweeps.js';
import { waitFor } from '../helpers/sweep.js';

const { temp, env, controllers } = detachedSweepsPerTest();
const FOLD_RUN = resolve('fixtures/fold-run.mjs');
/** Five configurations to start with, then a bad one (index 5), then the best. */
const LRS = [0.4, 0.35, 0.3, 0.25, 0.2, 0.01, 0.45];
const BAD = 5;

const SWEEP = `name: pruned-folds
command: node ${FOLD_RUN} --lr {lr} --fold {fold} --epochs 2 --epoch-ms 50 --ledger ledger.txt
parameters:
  lr: {type: categorical, values: [${LRS.join(', ')}]}
sampler: grid
folds: 3
metric: {name: val_acc, goal: maximize}
runs_pruning: {n_startup_trials: 5, n_min_trials: 5}
`;

/** The runs started, as `trial fold`, from the fixture's ledger. */
function started(): string[] {
  const path = join(temp.path, 'ledger.txt');
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  return text
    .split('\n')
    .filter((line) => line.startsWith('start '))
    .map((line) => /trial=(\d+) fold=(\d+)/.exec(line)!.slice(1).join(' '));
}

const resultOf = (dir: string, id: number) => {
  const path = join(dir, 'trials', String(id), 'result.json');
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
};

describe('pruning across runs, real processes', () => {
  it('stops a bad configuration after its first fold; resume after kill -9 never starts its later folds', async () => {
    temp.file('sweep.yaml', SWEEP);
    const run = await runCli(['run', 'sweep.yaml', '--detach', '--dir', 'out'], { cwd: temp.path, env });
    expect([run.code, run.stderr]).toEqual([0, '']);
    const dir = run.stdout.trim();
    const controller = JSON.parse(readFileSync(join(dir, 'controller.lock'), 'utf8')).pid as number;
    controllers.push(controller);
    await waitFor(() => resultOf(dir, BAD)?.state === 'pruned', 60_000, `trial ${BAD} pruned`);
    process.kill(controller, 'SIGKILL');
    await waitFor(() => readStat(controller) === undefined || readStat(controller)!.state === 'Z', 5000);
    const resumed = await runCli(['resume', dir, '--headless'], { env });
    expect([resumed.code, resumed.stderr]).toEqual([0, '']);

    const status = JSON.parse((await runCli(['status', dir, '--json'], { env })).stdout);
    const bad = status.trials[BAD];
    expect(bad.state).toBe('pruned');
    // first folds of the five before it: 0.5 + lr, median at lr 0.3
    expect(bad.reason).toBe("pruned after fold 1/3: mean 0.51 < median 0.8 of 5 trials' first fold");
    expect(bad.objective).toBeCloseTo(0.51, 6);
    expect(bad.runs.map((r: { state: string }) => r.state)).toEqual(['completed', 'queued', 'queued']);
    expect(started().filter((s) => s.startsWith(`${BAD} `))).toEqual([`${BAD} 0`]);
    for (const trial of status.trials.filter((t: { id: number }) => t.id !== BAD)) {
      expect(trial.state).toBe('completed');
      expect(
        started()
          .filter((s) => s.startsWith(`${trial.id} `))
          .sort(),
      ).toEqual([0, 1, 2].map((f) => `${trial.id} ${f}`));
    }
    expect(status.best.id).toBe(LRS.indexOf(0.45));
  }, 120_000);
});
