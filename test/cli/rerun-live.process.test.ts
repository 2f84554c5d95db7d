/**
 * `sweeptop rerun DIR` while a controller runs the sweep: the trials are added through the
 * control socket (the addTrial command `ctl add` sends), run in the same sweep with their own
 * repeats, and rerun waits for them before it prints the winner statement.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/cli.js';
import { runsStarted } from '../helpers/fold-ledger.js';
import { detachedSweepsPerTest } from '../helpers/detached-sweeps.js';
import { waitFor } from '../helpers/sweep.js';
import { readStat } from '../../src/plugin-api/proc.js';

const { temp, env, startDetached } = detachedSweepsPerTest();
const FOLD_RUN = resolve('fixtures/fold-run.mjs');

// each run's result is 0.5 + lr + fold/100 + repeat/1000 (fold-run.mjs)
const sweep = (lrs: string) => `name: live
command: node ${FOLD_RUN} --lr {lr} --fold {fold} --repeat {repeat} --epochs 2 --epoch-ms 150 --ledger ledger.txt
parameters:
  lr: {type: categorical, values: [${lrs}]}
sampler: grid
folds: 2
repeats: 2
metric: {name: val_acc, goal: maximize}
`;

/** `trial fold repeat` of every run started, with how often. */
const started = () => runsStarted(join(temp.path, 'ledger.txt'));

/** Trials whose four runs all started: completed or about to. */
const trialsStarted = () => new Set([...started().keys()].map((key) => key.split(' ')[0])).size;

interface StatusTrial {
  id: number;
  params: { lr: number };
  state: string;
  /** Absent until the trial launches. */
  runs?: Array<{ key: string; state: string }>;
}
const statusOf = async (dir: string): Promise<StatusTrial[]> =>
  JSON.parse((await runCli(['status', dir, '--json'], { env })).stdout).trials;
const completed = async (dir: string) => (await statusOf(dir)).filter((t) => t.state === 'completed').length;
const runKeys = (repeats: number) =>
  Array.from({ length: repeats }, (_, repeat) => [0, 1].map((fold) => `fold ${fold} repeat ${repeat}`)).flat();

describe('sweeptop rerun on a live sweep', () => {
  it('adds the trials through the controller, runs them with their repeats in the same sweep, and reports when they end', async () => {
    const { dir } = await startDetached(sweep('0.1, 0.2, 0.3, 0.4, 0.5'));
    const done = { count: 0 };
    await waitFor(() => started().size > 0, 30_000, 'the sweep started');
    for (let i = 0; i < 300 && done.count < 2; i++) {
      done.count = await completed(dir);
      if (done.count < 2) await new Promise((r) => setTimeout(r, 200));
    }
    expect(done.count).toBeGreaterThanOrEqual(2);

    const rerun = await runCli(['rerun', dir, '--top', '2', '--repeats', '3'], { env });
    expect([rerun.code, rerun.stderr]).toEqual([0, '']);
    const trials = await statusOf(dir);
    // the added trials are this sweep's, done when rerun returns, each with its 2 folds × 3 repeats
    const addedIds = [...rerun.stdout.matchAll(/^added trial (\d+)$/gm)].map((m) => Number(m[1]));
    expect(addedIds).toHaveLength(2);
    const added = trials.filter((t) => addedIds.includes(t.id));
    expect(added.map((t) => t.state)).toEqual(['completed', 'completed']);
    for (const trial of added) expect(trial.runs?.map((r) => r.key)).toEqual(runKeys(3));
    // the values of two grid trials (the leaders when rerun read the sweep), not new ones
    const grid = trials.filter((t) => !addedIds.includes(t.id));
    expect(added.every((a) => grid.some((g) => g.params.lr === a.params.lr))).toBe(true);
    // the grid's trials kept their own two repeats; no run of any trial ran twice. On a slow
    // machine the grid's last trial may not have launched yet: it has no runs until it does.
    for (const trial of grid) {
      if (trial.state === 'queued' || trial.state === 'pending') expect(trial.runs ?? [], `trial ${trial.id}`).toEqual([]);
      else
        expect(
          trial.runs?.map((r) => r.key),
          `trial ${trial.id}`,
        ).toEqual(runKeys(2));
    }
    expect([...started().values()].every((n) => n === 1)).toBe(true);
    // the paired test's line, over the runs the trials share (4 with each grid trial: too few to tell)
    expect(rerun.stdout).toMatch(/^best #\d+: \d\.\d+ ± \d\.\d+; .*(the paired test needs 6|Wilcoxon signed-rank)/m);
    // the grid's last trials still run (the rerun's came first): its best is the best so far
    expect(rerun.stdout).toContain(
      `the sweep still runs other trials: this is its best so far; \`sweeptop best ${dir}\` tells again once it ends\n`,
    );
  }, 120_000);

  it('on a live sweep whose trials are all launched, the added trials run beyond the budget', async () => {
    const { dir } = await startDetached(sweep('0.1, 0.2, 0.3'));
    // the grid's last trial runs: no trial of the budget is left to launch
    for (let i = 0; i < 300 && (trialsStarted() < 3 || (await completed(dir)) < 1); i++) await new Promise((r) => setTimeout(r, 200));
    expect(trialsStarted()).toBe(3);

    const rerun = await runCli(['rerun', dir, '--top', '1', '--repeats', '2'], { env });
    expect([rerun.code, rerun.stderr]).toEqual([0, '']);
    const trials = await statusOf(dir);
    expect(trials.map((t) => [t.id, t.state])).toEqual([
      [0, 'completed'],
      [1, 'completed'],
      [2, 'completed'],
      [3, 'completed'],
    ]);
    expect(trials[3].runs?.map((r) => r.key)).toEqual(runKeys(2));
    expect(rerun.stdout).toContain('added trial 3\n');
    expect(rerun.stdout).not.toContain('best so far');
  }, 120_000);
});

describe('a rerun trial whose controller is killed before sweep.json records it', () => {
  it('keeps its own repeats: resume runs all its runs, each once', async () => {
    const { dir, controller } = await startDetached(sweep('0.1, 0.2, 0.3').replace('--epoch-ms 150', '--epoch-ms 400'));
    for (let i = 0; i < 300 && (await completed(dir)) < 1; i++) await new Promise((r) => setTimeout(r, 200));
    const rerun = startCli(['rerun', dir, '--top', '1', '--repeats', '3'], { env });
    await waitFor(() => /^added trial \d+$/m.test(rerun.stdout()), 30_000, 'the trial added');
    const id = Number(/^added trial (\d+)$/m.exec(rerun.stdout())![1]);
    // its first run's process is being started: the controller dies before anything else is written
    await waitFor(() => existsSync(join(dir, 'trials', String(id), 'runs', '0', 'launch.json')), 60_000, 'its first run launched');
    process.kill(controller, 'SIGKILL');
    await waitFor(() => readStat(controller) === undefined || readStat(controller)!.state === 'Z', 5000);
    expect((await rerun.result).code).toBe(1);
    // sweep.json as written before the add (it is written at most twice a second)
    const document = JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8'));
    document.trials = document.trials.filter((t: { id: number }) => t.id !== id);
    document.trialsTarget--;
    writeFileSync(join(dir, 'sweep.json'), JSON.stringify(document));

    const resumed = await runCli(['resume', dir, '--headless'], { env });
    expect(resumed.code, resumed.stderr).toBe(0);
    const trial = (await statusOf(dir)).find((t) => t.id === id)!;
    expect([trial.state, trial.runs?.map((r) => r.key)]).toEqual(['completed', runKeys(3)]);
    const ran = started();
    expect([0, 1, 2].flatMap((repeat) => [0, 1].map((fold) => ran.get(`${id} ${fold} ${repeat}`)))).toEqual([1, 1, 1, 1, 1, 1]);
    expect([...ran.values()].every((n) => n === 1)).toBe(true);
  }, 120_000);
});
