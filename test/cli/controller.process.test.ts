import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { detachedSweepsPerTest } from '../helpers/detached-sweeps.js';
import { groupMembers, TRAINER, waitFor } from '../helpers/sweep.js';
import { processRecorded } from '../helpers/sweep-folder.js';
import { readStat } from '../../src/plugin-api/proc.js';
import { connectToSweep } from '../../src/engine/control/client.js';

const { temp, env, controllers } = detachedSweepsPerTest();

const SWEEP = (trials: number, parallel: number, epochs: number, epochMs: number) => `name: ctl
command: node ${TRAINER} --lr {lr} --layers {layers} --epochs ${epochs} --epoch-ms ${epochMs}
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
  layers: {type: int, low: 1, high: 6}
trials: ${trials}
parallel: ${parallel}
grace: 2s
metric: {name: val_loss, goal: minimize}
`;

const lock = (dir: string) => JSON.parse(readFileSync(join(dir, 'controller.lock'), 'utf8')) as { pid: number };
const status = async (dir: string) => JSON.parse((await runCli(['status', dir, '--json'], { env })).stdout);

async function detached(trials: number, parallel: number, epochs: number, epochMs: number): Promise<string> {
  temp.file('sweep.yaml', SWEEP(trials, parallel, epochs, epochMs));
  const started = Date.now();
  const { code, stdout, stderr } = await runCli(['run', 'sweep.yaml', '--detach', '--dir', 'out'], { cwd: temp.path, env });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  expect(Date.now() - started).toBeLessThan(15_000);
  const dir = stdout.trim();
  expect(dir).toBe(join(temp.path, 'out'));
  controllers.push(lock(dir).pid);
  return dir;
}

describe('a detached controller', () => {
  it('run --detach returns the directory once the controller holds its lock; the controller names it', async () => {
    const dir = await detached(4, 2, 3, 50);
    const { pid } = lock(dir);
    expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')).toContain(dir);
    expect(readStat(pid)!.sid).toBe(pid);
    await waitFor(() => !existsSync(join(dir, 'controller.lock')), 30_000, 'sweep finished');
    expect((await status(dir)).counts).toEqual({ completed: 4 });
  });

  it('ctl pauses, resumes, kills, promotes, adds and changes limits; refusals exit non-zero', async () => {
    const dir = await detached(6, 1, 200, 100);
    await waitFor(() => existsSync(join(dir, 'trials', '0', 'stdout.log')), 10_000);
    const ctl = (...args: string[]) => runCli(['ctl', dir, ...args], { env });
    expect((await ctl('pause', '0')).code).toBe(0);
    await waitFor(() => readStat(lock(dir).pid) !== undefined);
    const doc = () => JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8'));
    await waitFor(() => doc().trials[0]?.state === 'paused', 5000, 'paused recorded');
    expect(groupMembers(doc().trials[0].pid).every((p) => readStat(p)!.state === 'T')).toBe(true);
    expect((await ctl('resume', '0')).code).toBe(0);
    expect((await ctl('promote', '0')).code).toBe(0);
    const added = await ctl('add', '--param', 'lr=0.01', '--param', 'layers=3');
    expect([added.code, added.stdout]).toEqual([0, 'added trial 1\n']);
    expect((await ctl('parallel', '2')).code).toBe(0);
    await waitFor(() => doc().trials.filter((t: { state: string }) => t.state === 'running').length === 2, 10_000, 'two running');
    expect((await ctl('trials', '8')).code).toBe(0);
    expect((await ctl('kill', '0', '1')).code).toBe(0);
    const unknown = await ctl('kill', '99');
    expect([unknown.code, unknown.stderr]).toEqual([1, 'sweeptop: no trial 99 in this sweep\n']);
    await waitFor(() => doc().trials[0]?.state === 'killed', 10_000);
    const finished = await ctl('pause', '0');
    expect([finished.code, finished.stderr]).toEqual([1, 'sweeptop: trial 0 is killed; only a running trial can be paused\n']);
    const bad = await ctl('add', '--param', 'lr=7');
    expect(bad.code).toBe(1);
    const s = await status(dir);
    expect(s.trials.find((t: { id: number }) => t.id === 1).params).toEqual({ lr: 0.01, layers: 3 });
    expect(doc().interventions.map((i: { by: string; command: string }) => `${i.by}:${i.command}`)).toEqual([
      'ctl:pause',
      'ctl:resume',
      'ctl:promote',
      'ctl:addTrial',
      'ctl:setParallel',
      'ctl:setTrials',
      'ctl:kill',
      'ctl:kill',
    ]);
    expect(doc().trialsTarget).toBe(8);
    const stopped = await runCli(['stop', dir], { env });
    expect(stopped.code).toBe(0);
    expect(existsSync(join(dir, 'controller.lock'))).toBe(false);
    // stopped by hand: finished, and `status` says why, not as if every trial had run
    expect(await status(dir)).toMatchObject({ state: 'finished', stopReason: 'stopped by sweeptop stop' });
    expect((await runCli(['status', dir], { env })).stdout).toMatch(/^\S+ {2}\(finished: stopped by sweeptop stop\) /);
    for (const t of doc().trials) if (t.pid) expect(groupMembers(t.pid)).toEqual([]);
    // no controller to command: ctl says the sweep has finished, and how to continue it
    const none = await runCli(['ctl', dir, 'pause', '2'], { env });
    expect([none.code, none.stderr]).toEqual([
      1,
      `sweeptop: ${dir}: the sweep has finished (stopped by sweeptop stop); \`sweeptop resume ${dir}\` continues it (\`--trials N\` for a larger budget)\n`,
    ]);
  });

  it('after kill -9 of the controller, resume re-adopts running trials, keeps finished ones, repeats nothing', async () => {
    const dir = await detached(8, 3, 12, 250);
    const doc = () => JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8'));
    await waitFor(() => doc().trials.filter((t: { state: string }) => t.state === 'completed').length >= 2, 30_000, 'two completed');
    await waitFor(
      () => doc().trials.filter((t: { state: string; pid: number | null }) => t.state === 'running' && t.pid).length >= 2,
      10_000,
      'some running',
    );
    const controller = lock(dir).pid;
    process.kill(controller, 'SIGKILL');
    await waitFor(() => readStat(controller) === undefined || readStat(controller)!.state === 'Z', 5000);
    const before = doc();
    const completedBefore = new Map<number, string>();
    for (const t of before.trials) {
      if (existsSync(join(dir, 'trials', String(t.id), 'result.json')))
        completedBefore.set(t.id, readFileSync(join(dir, 'trials', String(t.id), 'result.json'), 'utf8'));
    }
    const ls = (await runCli(['ls'], { env })).stdout;
    expect(ls).toMatch(new RegExp(`dead +ctl .*${dir}.*sweeptop resume ${dir}`));
    const resumed = await runCli(['resume', dir, '--headless'], { env });
    expect(resumed.code, `${resumed.stdout}\n${resumed.stderr}`).toBe(0);
    const after = await status(dir);
    expect(after.state).toBe('finished');
    expect(after.trials).toHaveLength(8);
    expect(after.counts).toEqual({ completed: 8 });
    for (const [id, text] of completedBefore) expect(readFileSync(join(dir, 'trials', String(id), 'result.json'), 'utf8')).toBe(text);
    for (const t of after.trials) {
      const lines = readFileSync(join(dir, 'trials', String(t.id), 'metrics.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      const keys = lines.map((p: { name: string; step: number }) => `${p.name}@${p.step}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(lines.filter((p: { name: string }) => p.name === 'val_loss').map((p: { step: number }) => p.step)).toEqual([
        ...Array(12).keys(),
      ]);
      expect(t.steps).toBe(12);
    }
  });

  it('resume runs again the trials a stop killed (same parameters, attempt + 1), not the one a person killed', async () => {
    // trials of 8 s: still running after the kill, the slot taken again and the stop on a loaded machine (3 s were not)
    const dir = await detached(4, 3, 80, 100);
    const doc = () => JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8'));
    type Stored = { id: number; state: string; attempt: number; params: unknown; reason: string | null; stoppedBy?: string };
    await waitFor(() => doc().trials.filter((t: Stored) => t.state === 'running').length === 3, 10_000, 'three running');
    expect((await runCli(['ctl', dir, 'kill', '0'], { env })).code).toBe(0);
    await waitFor(
      () => doc().trials.filter((t: Stored) => t.state === 'running').length === 3 && doc().trials[0].state === 'killed',
      10_000,
      'trial 3 to take its slot',
    );
    expect((await runCli(['stop', dir], { env })).code).toBe(0);
    const stopped: Stored[] = doc().trials;
    expect(stopped.map((t) => [t.state, t.stoppedBy])).toEqual([
      ['killed', 'person'],
      ['killed', 'sweep'],
      ['killed', 'sweep'],
      ['killed', 'sweep'],
    ]);
    expect(stopped[1].reason).toBe('the sweep was stopped by sweeptop stop');
    // stop again with no controller: nothing is started only to be killed (attempts unchanged)
    expect((await runCli(['stop', dir], { env })).code).toBe(0);
    expect(doc().trials.map((t: Stored) => [t.state, t.attempt, t.stoppedBy])).toEqual(
      stopped.map((t) => [t.state, t.attempt, t.stoppedBy]),
    );
    const resumed = await runCli(['resume', dir, '--headless'], { env });
    expect(resumed.code).toBe(0);
    const after: Stored[] = doc().trials;
    expect(after.map((t) => [t.state, t.attempt])).toEqual([
      ['killed', 0],
      ['completed', 1],
      ['completed', 1],
      ['completed', 1],
    ]);
    expect(after.map((t) => t.params)).toEqual(stopped.map((t) => t.params));
    expect(after[0].reason).toMatch(/killed by/);
  }, 90_000);

  it("resume --detach after kill -9 returns once the new controller answers, not on the dead one's control.json", async () => {
    const dir = await detached(4, 2, 100, 100);
    await waitFor(() => existsSync(join(dir, 'control.json')), 10_000, 'the first controller to listen');
    const first = lock(dir).pid;
    process.kill(first, 'SIGKILL');
    await waitFor(() => readStat(first) === undefined || readStat(first)!.state === 'Z', 5000);
    const resumed = await runCli(['resume', dir, '--detach'], { env });
    expect(resumed.code).toBe(0);
    const second = lock(dir).pid;
    controllers.push(second);
    expect(second).not.toBe(first);
    expect(JSON.parse(readFileSync(join(dir, 'control.json'), 'utf8')).pid).toBe(second);
    const ctl = await runCli(['ctl', dir, 'parallel', '1'], { env });
    expect([ctl.code, ctl.stderr]).toEqual([0, '']);
    // the sweep's clock goes on from its first start, not from the new controller's
    const remote = await connectToSweep(dir);
    const { createdAt } = JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8'));
    expect(remote.snapshot().startedAt).toBe(createdAt);
    remote.close();
    expect((await runCli(['stop', dir, '--now'], { env })).code).toBe(0);
  });

  it('a trial launched just before the controller died, which sweep.json had not caught up with, is adopted, not run twice', async () => {
    const dir = await detached(2, 2, 10, 200);
    await waitFor(() => ['0', '1'].every((id) => processRecorded(join(dir, 'trials', id))), 15_000, 'both trials launched');
    process.kill(lock(dir).pid, 'SIGKILL');
    // sweep.json as it may be when the controller dies: written before the launches
    const path = join(dir, 'sweep.json');
    const doc = JSON.parse(readFileSync(path, 'utf8'));
    writeFileSync(
      path,
      JSON.stringify({ ...doc, trials: doc.trials.slice(0, 1).map((t: object) => ({ ...t, state: 'queued', handle: null, pid: null })) }),
    );
    const resumed = await runCli(['resume', dir, '--headless'], { env });
    expect(resumed.code).toBe(0);
    const after = await status(dir);
    expect(after.counts).toEqual({ completed: 2 });
    for (const id of [0, 1]) {
      const stdout = readFileSync(join(dir, 'trials', String(id), 'stdout.log'), 'utf8');
      expect(stdout.match(/^epoch=0 /gm)).toHaveLength(1);
      const steps = readFileSync(join(dir, 'trials', String(id), 'metrics.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
        .filter((p: { name: string }) => p.name === 'val_loss')
        .map((p: { step: number }) => p.step);
      expect(steps).toEqual([...Array(10).keys()]);
    }
  });
});
