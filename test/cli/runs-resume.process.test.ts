import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { detachedSweepsPerTest } from '../helpers/detached-sweeps.js';
import { waitFor } from '../helpers/sweep.js';
import { readStat } from '../../src/plugin-api/proc.js';

const { temp, env, startDetached } = detachedSweepsPerTest();
const FOLD_RUN = resolve('fixtures/fold-run.mjs');

const SWEEP = `name: folds
command: node ${FOLD_RUN} --lr {lr} --fold {fold} --epochs 5 --epoch-ms 150 --ledger ledger.txt
parameters:
  lr: {type: categorical, values: [0.1, 0.2, 0.3, 0.4]}
sampler: grid
folds: 3
parallel: 2
runs_parallel: 2
grace: 2s
metric: {name: val_acc, goal: maximize}
`;

/** How many times each run started and ended, by `trial fold`, from the fixture's ledger. */
function executed(): { starts: Map<string, number>; ends: Map<string, number> } {
  const path = join(temp.path, 'ledger.txt');
  const starts = new Map<string, number>();
  const ends = new Map<string, number>();
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  for (const line of text.split('\n').filter(Boolean)) {
    const [, what, trial, fold] = /^(\w+) trial=(\d+) fold=(\d+)/.exec(line)!;
    const counts = what === 'start' ? starts : ends;
    counts.set(`${trial} ${fold}`, (counts.get(`${trial} ${fold}`) ?? 0) + 1);
  }
  return { starts, ends };
}

describe('a sweep with folds whose controller is killed', () => {
  it('after kill -9, resume follows the runs in flight and loses and repeats no run', async () => {
    const { dir, controller } = await startDetached(SWEEP);
    // some runs over, others in flight
    await waitFor(
      () => {
        const { starts, ends } = executed();
        return ends.size >= 3 && starts.size > ends.size;
      },
      30_000,
      'runs ended and runs in flight',
    );
    process.kill(controller, 'SIGKILL');
    await waitFor(() => readStat(controller) === undefined || readStat(controller)!.state === 'Z', 5000);
    const resumed = await runCli(['resume', dir, '--headless'], { env });
    expect(resumed.code).toBe(0);
    const { starts, ends } = executed();
    const every = [0, 1, 2, 3].flatMap((trial) => [0, 1, 2].map((fold) => `${trial} ${fold}`));
    expect([...starts.keys()].sort()).toEqual(every);
    expect([...starts.values()].every((n) => n === 1)).toBe(true);
    expect([...ends.values()].every((n) => n === 1)).toBe(true);
    expect(ends.size).toBe(12);
    const status = JSON.parse((await runCli(['status', dir, '--json'], { env })).stdout);
    expect(status.counts).toEqual({ completed: 4 });
    for (const trial of status.trials) {
      const lr = trial.params.lr as number;
      expect(trial.objective).toBeCloseTo(0.5 + lr + 0.01, 6);
      expect(trial.contexts).toBe(3);
      expect(trial.runs.map((r: { key: string; state: string }) => `${r.key} ${r.state}`)).toEqual([
        'fold 0 completed',
        'fold 1 completed',
        'fold 2 completed',
      ]);
      expect(trial.runs.map((r: { objective: number }) => r.objective)).toEqual(
        [0, 1, 2].map((f) => expect.closeTo(0.5 + lr + f / 100, 6)),
      );
    }
    const csv = (await runCli(['export', dir, '--runs'], { env })).stdout.trim().split('\n');
    expect(csv[0]).toBe('id,run,key,state,param.lr,objective,exit_code,duration_s,reason,trial_objective');
    expect(csv).toHaveLength(13);
    expect(csv[2]).toMatch(/^0,1,fold 1,completed,0\.1,0\.61,0,[\d.]+,,0\.61$/);
  });
});
