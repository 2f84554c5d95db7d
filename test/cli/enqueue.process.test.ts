/**
 * Trials from a file: the sweep file's `enqueue:` rows are its first trials, in file order, then
 * the sampler's; `ctl add --from` adds a file's rows to a live sweep in order; a controller killed
 * before an enqueued row started leaves it queued, and resume runs it once.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { detachedSweepsPerTest } from '../helpers/detached-sweeps.js';
import { TRAINER, waitFor } from '../helpers/sweep.js';
import { readStat } from '../../src/plugin-api/proc.js';

const { temp, env, startDetached } = detachedSweepsPerTest();

const SWEEP = (trials: number, parallel: number, epochs: number, epochMs: number, extra = '') => `name: enqueue
command: node ${TRAINER} --lr {lr} --layers {layers} --optimizer {optimizer} --epochs ${epochs} --epoch-ms ${epochMs}
parameters:
  lr:        {type: loguniform, low: 1.0e-4, high: 1.0e-1}
  layers:    {type: int, low: 1, high: 6}
  optimizer: {type: choice, values: [sgd, adam]}
trials: ${trials}
parallel: ${parallel}
grace: 2s
metric: {name: val_loss, goal: minimize}
${extra}`;

const ROWS = [
  { lr: 0.01, layers: 2, optimizer: 'adam' },
  { lr: 0.001, layers: 4, optimizer: 'adam' },
  { lr: 0.05, layers: 3, optimizer: 'sgd' },
];
const ROWS_YAML = ROWS.map((r) => `- {lr: ${r.lr}, layers: ${r.layers}, optimizer: ${r.optimizer}}`).join('\n') + '\n';

interface Folder {
  id: number;
  params: Record<string, unknown>;
  attempt: number;
  startedAt: number;
}

/** Every trial as its folder tells it (params.json, launch.json), by id. */
function folders(dir: string): Folder[] {
  const root = join(dir, 'trials');
  return readdirSync(root)
    .map(Number)
    .sort((a, b) => a - b)
    .map((id) => {
      const launch = JSON.parse(readFileSync(join(root, String(id), 'launch.json'), 'utf8'));
      const params = JSON.parse(readFileSync(join(root, String(id), 'params.json'), 'utf8'));
      return { id, params, attempt: launch.attempt, startedAt: launch.startedAt };
    });
}

const doc = (dir: string) => JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8'));

describe('enqueue: in the sweep file', () => {
  it("runs the file's rows first, in file order, as trials 0…2, then the sampler's trials", async () => {
    temp.file('rows.yaml', ROWS_YAML);
    temp.file('sweep.yaml', SWEEP(3, 1, 2, 20, 'enqueue: rows.yaml\n'));
    const run = await runCli(['run', 'sweep.yaml', '--headless', '--dir', 'out'], { cwd: temp.path, env });
    expect(run.code, run.stderr).toBe(0);
    const trials = folders(join(temp.path, 'out'));
    expect(trials.map((t) => t.id)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(trials.slice(0, 3).map((t) => t.params)).toEqual(ROWS);
    // sampled: a random lr is never one of the rows' round values
    for (const t of trials.slice(3)) expect(ROWS.map((r) => r.lr)).not.toContain(t.params.lr);
    // one at a time: each started after the one before it
    for (let i = 1; i < trials.length; i++) expect(trials[i].startedAt).toBeGreaterThanOrEqual(trials[i - 1].startedAt);
    expect(trials.every((t) => t.attempt === 0)).toBe(true);
  });

  it('refuses a row outside the space before anything is created, naming the row file, line and column', async () => {
    temp.file('rows.csv', 'lr,layers,optimizer\n0.01,2,adam\n0.01,2,rmsprop\n');
    temp.file('sweep.yaml', SWEEP(3, 1, 2, 20, 'enqueue: rows.csv\n'));
    const run = await runCli(['run', 'sweep.yaml', '--headless', '--dir', 'out'], { cwd: temp.path, env });
    expect([run.code, run.stderr]).toEqual([
      2,
      'sweeptop: rows.csv:3:8: row 2: optimizer: rmsprop is outside the search space; expected one of sgd, adam\n',
    ]);
    expect(existsSync(join(temp.path, 'out'))).toBe(false);
  });

  it('a controller killed before the enqueued rows started: resume runs each of them once, then the rest', async () => {
    temp.file('rows.yaml', ROWS_YAML);
    // trials of ~2 s, one at a time: rows 1 and 2 are still queued when the controller dies
    const { dir, controller } = await startDetached(SWEEP(2, 1, 12, 150, 'enqueue: rows.yaml\n'));
    await waitFor(
      () => doc(dir).trials[0]?.state === 'running' && existsSync(join(dir, 'trials', '0', 'launch.json')),
      10_000,
      'row 0 running',
    );
    process.kill(controller, 'SIGKILL');
    await waitFor(() => readStat(controller) === undefined || readStat(controller)!.state === 'Z', 5000, 'controller gone');
    expect(doc(dir).trials.map((t: { state: string }) => t.state)).toEqual(['running', 'queued', 'queued']);
    expect(existsSync(join(dir, 'trials', '1'))).toBe(false);

    const resumed = await runCli(['resume', dir, '--headless'], { env });
    expect(resumed.code, `${resumed.stdout}\n${resumed.stderr}`).toBe(0);
    const trials = folders(dir);
    // 3 rows + 2 sampled: no row was added again
    expect(trials.map((t) => t.id)).toEqual([0, 1, 2, 3, 4]);
    expect(trials.slice(0, 3).map((t) => t.params)).toEqual(ROWS);
    // trial 0 was adopted, 1 and 2 launched once each
    expect(trials.map((t) => t.attempt)).toEqual([0, 0, 0, 0, 0]);
    expect(trials[2].startedAt).toBeGreaterThanOrEqual(trials[1].startedAt);
    expect(trials[3].startedAt).toBeGreaterThanOrEqual(trials[2].startedAt);
    const states = doc(dir).trials.map((t: { state: string }) => t.state);
    expect(states).toEqual(['completed', 'completed', 'completed', 'completed', 'completed']);
  });
});

describe('ctl add --from', () => {
  it("adds every row to a live sweep, run next in the file's order; a bad file adds nothing", async () => {
    temp.file('more.csv', 'lr,layers,optimizer\n0.02,5,sgd\n0.003,1,adam\n');
    temp.file('bad.yaml', '- {lr: 0.02, layers: 5, optimizer: sgd}\n- {lr: 0.02, layer: 5, optimizer: sgd}\n');
    const { dir } = await startDetached(SWEEP(2, 1, 15, 150));
    await waitFor(() => doc(dir).trials[0]?.state === 'running', 10_000, 'trial 0 running');
    const bad = await runCli(['ctl', dir, 'add', '--from', 'bad.yaml'], { cwd: temp.path, env });
    expect([bad.code, bad.stderr]).toEqual([2, "sweeptop: bad.yaml:2:14: row 2: layer: no such parameter; did you mean 'layers'?\n"]);
    expect(doc(dir).trialsTarget).toBe(2);
    const added = await runCli(['ctl', dir, 'add', '--from', 'more.csv'], { cwd: temp.path, env });
    expect([added.code, added.stdout, added.stderr]).toEqual([0, 'added trial 1\nadded trial 2\n', '']);
    expect(
      doc(dir).interventions.map((i: { by: string; command: string; trialId: number }) => `${i.by}:${i.command}:${i.trialId}`),
    ).toEqual(['ctl:addTrial:1', 'ctl:addTrial:2']);
    await waitFor(() => !existsSync(join(dir, 'controller.lock')), 30_000, 'sweep finished');
    const trials = folders(dir);
    expect(trials.map((t) => t.id)).toEqual([0, 1, 2, 3]);
    expect(trials[1].params).toEqual({ lr: 0.02, layers: 5, optimizer: 'sgd' });
    expect(trials[2].params).toEqual({ lr: 0.003, layers: 1, optimizer: 'adam' });
    // the rows ran before the sampler's next trial, the first row first
    expect(trials[1].startedAt).toBeLessThanOrEqual(trials[2].startedAt);
    expect(trials[2].startedAt).toBeLessThanOrEqual(trials[3].startedAt);
  });
});
