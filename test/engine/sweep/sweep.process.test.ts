import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMetricLog } from '../../../src/engine/state/metric-log.js';
import { readStat } from '../../../src/plugin-api/proc.js';
import { groupMembers, makeSweep, runToEnd, TempDir, tempDirPerTest, TRAINER, waitFor } from '../../helpers/sweep.js';

const temp = tempDirPerTest();

const sweepFile = (command: string, extra = '') => `command: node ${TRAINER} ${command}
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
  layers: {type: int, low: 1, high: 6}
sampler: random
seed: 3
metric: {name: val_loss, goal: minimize}
${extra}`;

describe('a sweep of real processes', () => {
  it('runs 20 trials at parallel 4, records every metric point, and keeps every result on disk', async () => {
    const sweep = await makeSweep(temp, sweepFile('--lr {lr} --layers {layers} --epochs 5 --epoch-ms 20', 'trials: 20\nparallel: 4'));
    let maxRunning = 0;
    sweep.on('trial:updated', () => (maxRunning = Math.max(maxRunning, sweep.activeCount())));
    const snapshot = await runToEnd(sweep);
    expect(snapshot.trials).toHaveLength(20);
    expect(snapshot.trials.every((t) => t.state === 'completed')).toBe(true);
    expect(maxRunning).toBe(4);
    for (const trial of snapshot.trials) {
      const points = await readMetricLog(join(trial.dir, 'metrics.jsonl'));
      const valLoss = points.filter((p) => p.name === 'val_loss');
      expect(valLoss.map((p) => p.step)).toEqual([0, 1, 2, 3, 4]);
      for (const name of ['loss', 'val_acc', 'lr']) expect(points.filter((p) => p.name === name)).toHaveLength(5);
      expect(trial.objective).toBe(valLoss[4].value);
      const result = JSON.parse(readFileSync(join(trial.dir, 'result.json'), 'utf8'));
      expect(result).toMatchObject({ id: trial.id, state: 'completed', exitCode: 0, steps: 5 });
      expect(JSON.parse(readFileSync(join(trial.dir, 'params.json'), 'utf8'))).toEqual(trial.params);
      expect(readFileSync(join(trial.dir, 'exit_code'), 'utf8').trim()).toBe('0');
    }
    const best = snapshot.trials.filter((t) => t.objective !== null).sort((a, b) => a.objective! - b.objective! || a.id - b.id)[0];
    expect(snapshot.bestTrialId).toBe(best.id);
    const doc = JSON.parse(readFileSync(join(sweep.dir, 'sweep.json'), 'utf8'));
    expect(doc.phase).toBe('finished');
    expect(doc.trials).toHaveLength(20);
  });

  it('repeats the same parameters under the same seed', async () => {
    const a = await makeSweep(temp, sweepFile('--lr {lr} --layers {layers} --epochs 1 --epoch-ms 1', 'trials: 3\nparallel: 3'), 'a.yaml');
    const first = (await runToEnd(a)).trials.map((t) => t.params);
    const other = new TempDir();
    try {
      const b = await makeSweep(
        other,
        sweepFile('--lr {lr} --layers {layers} --epochs 1 --epoch-ms 1', 'trials: 3\nparallel: 1'),
        'a.yaml',
      );
      expect((await runToEnd(b)).trials.map((t) => t.params)).toEqual(first);
    } finally {
      other.remove();
    }
  });

  it('a trial that exits 0 without the metric is completed with a reason; a failing one keeps its code and stderr', async () => {
    const sweep = await makeSweep(
      temp,
      sweepFile('--lr {lr} --layers {layers} --epochs 2 --epoch-ms 1 --no-metric --exit-code {layers}', 'trials: 6\nparallel: 3'),
    );
    const snapshot = await runToEnd(sweep);
    for (const trial of snapshot.trials) {
      if (trial.params.layers === 0) continue;
      expect(trial.state).toBe('failed');
      expect(trial.exitCode).toBe(trial.params.layers);
      expect(trial.reason).toBe(`exit code ${trial.params.layers}`);
    }
    const ok = await makeSweep(temp, sweepFile('--lr {lr} --epochs 2 --epoch-ms 1 --no-metric', 'trials: 1'), 'ok.yaml');
    const done = await runToEnd(ok);
    expect(done.trials[0]).toMatchObject({ state: 'completed', objective: null, reason: 'no val_loss reported' });
  });

  it('keeps stderr of a crash and stops after a crash loop, pointing at the first stderr', async () => {
    const sweep = await makeSweep(temp, sweepFile('--lr {lr} --crash-at 0', 'trials: 50\nparallel: 2'));
    const snapshot = await runToEnd(sweep);
    const failed = snapshot.trials.filter((t) => t.state === 'failed');
    expect(failed.length).toBeGreaterThanOrEqual(3);
    expect(snapshot.trials.length).toBeLessThanOrEqual(4);
    expect(snapshot.stopReason).toMatch(/^crash loop: the first 3 trials failed within 60 s; see .*trials\/\d+\/stderr\.log$/);
    expect(failed[0].stderrTail.join('\n')).toMatch(/Traceback/);
    expect(failed[0].exitCode).toBe(1);
  });

  it('re-runs a failed trial under the same id, keeping the earlier attempt', async () => {
    const sweep = await makeSweep(temp, sweepFile('--lr {lr} --epochs 2 --epoch-ms 1 --exit-code 3', 'trials: 1\nretries: 1'));
    const snapshot = await runToEnd(sweep);
    expect(snapshot.trials).toHaveLength(1);
    expect(snapshot.trials[0]).toMatchObject({ attempt: 1, state: 'failed', exitCode: 3 });
    const dir = snapshot.trials[0].dir;
    expect(readdirSync(join(dir, 'attempt-0')).sort()).toEqual([
      'exit_code',
      'launch.json',
      'metrics.jsonl',
      'result.json',
      'stderr.log',
      'stdout.log',
    ]);
    expect(JSON.parse(readFileSync(join(dir, 'attempt-0', 'result.json'), 'utf8'))).toMatchObject({ attempt: 0, state: 'failed' });
  });

  it('stops launching when stop_when is met or max_failures is reached', async () => {
    const sweep = await makeSweep(
      temp,
      sweepFile('--lr 0.003 --layers 3 --epochs 3 --epoch-ms 1', 'trials: 30\nstop_when: "val_loss < 10"'),
    );
    const snapshot = await runToEnd(sweep);
    expect(snapshot.trials).toHaveLength(1);
    expect(snapshot.stopReason).toMatch(/^stop_when "val_loss < 10" met by trial 0/);
    const failing = await makeSweep(
      temp,
      sweepFile('--lr {lr} --epochs 2 --epoch-ms 1 --exit-code 2', 'trials: 30\nmax_failures: 2\nparallel: 1'),
      'failing.yaml',
    );
    const done = await runToEnd(failing, 30_000);
    expect(done.stopReason).toBe('max_failures reached: 2 trials failed');
    expect(done.trials).toHaveLength(2);
  });

  it('stops launching once max_duration has passed, and lets the running trial finish', async () => {
    const sweep = await makeSweep(
      temp,
      sweepFile('--lr {lr} --epochs 4 --epoch-ms 200', 'trials: 30\nparallel: 1\nmax_duration: 1s'),
      'timed.yaml',
    );
    const done = await runToEnd(sweep, 30_000);
    expect(done.stopReason).toBe('max_duration of 1s reached');
    // the trial running when the clock ran out was not killed: it completed
    expect(done.trials.length).toBeLessThan(30);
    expect(done.trials.every((t) => t.state === 'completed')).toBe(true);
  });
});

describe('controlling trials', () => {
  it('kill reaches a child in the group and a grandchild that left it with setsid', async () => {
    const sweep = await makeSweep(
      temp,
      `command: node ${TRAINER} --lr {lr} --epochs 1000 --epoch-ms 100 --spawn-child={mode}
parameters:
  lr: 0.01
  mode: {type: choice, values: [group, setsid]}
sampler: grid
parallel: 2
grace: 2s
metric: val_loss
`,
    );
    sweep.start();
    await waitFor(() => sweep.snapshot().trials.length === 2 && sweep.snapshot().trials.every((t) => t.pid !== null));
    const trials = sweep.snapshot().trials;
    const children = new Map<number, number>();
    await waitFor(
      () => {
        for (const t of trials) {
          const match = /heartbeat: child (\d+)/.exec(readFileSync(join(t.dir, 'stdout.log'), 'utf8'));
          if (match) children.set(t.id, Number(match[1]));
        }
        return children.size === 2;
      },
      10_000,
      'children print',
    );
    const byMode = (mode: string) => trials.find((t) => t.params.mode === mode)!;
    expect(groupMembers(byMode('group').pid!)).toContain(children.get(byMode('group').id));
    expect(readStat(children.get(byMode('setsid').id)!)!.pgid).not.toBe(byMode('setsid').pid);
    for (const t of trials) expect(await sweep.execute({ type: 'kill', trialId: t.id }, 'test')).toEqual({ ok: true });
    const snapshot = await sweep.done;
    expect(snapshot.trials.map((t) => [t.state, t.reason])).toEqual([
      ['killed', 'killed by test'],
      ['killed', 'killed by test'],
    ]);
    for (const t of trials) {
      await waitFor(() => groupMembers(t.pid!).length === 0, 5000, 'group empty');
      const child = children.get(t.id)!;
      await waitFor(() => readStat(child) === undefined || readStat(child)!.state === 'Z', 5000, `child ${child} gone`);
    }
  });

  it('pause stops the whole group (state T) and its output; resume restarts it; paused time is not runtime', async () => {
    const sweep = await makeSweep(temp, sweepFile('--lr {lr} --epochs 1000 --epoch-ms 50 --spawn-child', 'trials: 1\ngrace: 1s'));
    sweep.start();
    await waitFor(() => (sweep.snapshot().trials[0]?.steps ?? 0) >= 2);
    const { pid, dir } = sweep.snapshot().trials[0];
    expect(await sweep.execute({ type: 'pause', trialId: 0 }, 'test')).toEqual({ ok: true });
    expect(sweep.snapshot().trials[0].state).toBe('paused');
    await waitFor(() => groupMembers(pid!).every((p) => readStat(p)?.state === 'T'), 3000, 'all stopped');
    const size = readFileSync(join(dir, 'stdout.log')).length;
    const runtime = sweep.snapshot().trials[0].runtimeMs;
    await new Promise((r) => setTimeout(r, 600));
    expect(readFileSync(join(dir, 'stdout.log')).length).toBe(size);
    expect(sweep.snapshot().trials[0].runtimeMs).toBe(runtime);
    expect(await sweep.execute({ type: 'resume', trialId: 0 }, 'test')).toEqual({ ok: true });
    await waitFor(() => readFileSync(join(dir, 'stdout.log')).length > size, 3000, 'output again');
    expect(groupMembers(pid!).some((p) => readStat(p)?.state !== 'T')).toBe(true);
    expect(await sweep.execute({ type: 'pause', trialId: 0 }, 'test')).toEqual({ ok: true });
    await sweep.execute({ type: 'kill', trialId: 0 }, 'test');
    expect((await sweep.done).trials[0].state).toBe('killed');
    await waitFor(() => groupMembers(pid!).length === 0, 5000, 'group empty after killing a paused trial');
  });

  it('a trial that ignores SIGTERM is killed after grace', async () => {
    const sweep = await makeSweep(temp, sweepFile('--lr {lr} --epochs 1000 --epoch-ms 50 --ignore-sigterm', 'trials: 1\ngrace: 1s'));
    sweep.start();
    await waitFor(() => (sweep.snapshot().trials[0]?.steps ?? 0) >= 1);
    const started = Date.now();
    await sweep.execute({ type: 'kill', trialId: 0 }, 'test');
    const snapshot = await sweep.done;
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(snapshot.trials[0]).toMatchObject({ state: 'killed', signal: 'SIGKILL' });
    expect(readFileSync(join(snapshot.trials[0].dir, 'stderr.log'), 'utf8')).toContain('ignoring SIGTERM');
  });

  it('a trial over its timeout is timed_out', async () => {
    const sweep = await makeSweep(temp, sweepFile('--lr {lr} --epochs 2 --epoch-ms 10 --hang', 'trials: 1\ntimeout: 1s\ngrace: 1s'));
    const snapshot = await runToEnd(sweep, 10_000);
    expect(snapshot.trials[0]).toMatchObject({ state: 'timed_out', reason: 'exceeded the timeout of 1s' });
    expect(snapshot.trials[0].runtimeMs).toBeGreaterThanOrEqual(1000);
  });

  it('never gives one GPU to two running trials, under churn', async () => {
    const sweep = await makeSweep(
      temp,
      sweepFile(
        '--lr {lr} --layers {layers} --epochs {layers} --epoch-ms 30 --print-env',
        'trials: 12\nparallel: 8\ngpus: [0, 1, 2, 3, 4]\ngpus_per_trial: 2',
      ),
    );
    const violations: string[] = [];
    let maxRunning = 0;
    sweep.on('trial:updated', () => {
      const running = sweep.snapshot().trials.filter((t) => t.state === 'running');
      maxRunning = Math.max(maxRunning, running.length);
      const ids = running.flatMap((t) => t.gpus ?? []);
      if (new Set(ids).size !== ids.length) violations.push(ids.join(','));
      if (running.some((t) => t.gpus?.length !== 2)) violations.push('wrong count');
    });
    const snapshot = await runToEnd(sweep);
    expect(violations).toEqual([]);
    expect(maxRunning).toBe(2);
    for (const trial of snapshot.trials) {
      const env = readFileSync(join(trial.dir, 'stderr.log'), 'utf8');
      expect(env).toContain(`env CUDA_VISIBLE_DEVICES=${trial.gpus!.join(',')}`);
      expect(env).toContain(`env SWEEPTOP_TRIAL_ID=${trial.id}`);
      expect(env).toContain(`env SWEEPTOP_PARAM_LAYERS=${trial.params.layers}`);
    }
  });

  it('promotes, adds and removes trials, and records each intervention', async () => {
    const sweep = await makeSweep(temp, sweepFile('--lr {lr} --layers {layers} --epochs 40 --epoch-ms 50', 'trials: 2\nparallel: 1'));
    sweep.start();
    await waitFor(() => sweep.snapshot().trials.length === 1);
    const added = await sweep.execute({ type: 'addTrial', params: { lr: 0.01, layers: 3 } }, 'test');
    expect(added).toEqual({ ok: true, trialId: 1 });
    expect(await sweep.execute({ type: 'addTrial', params: { lr: 5, layers: 3 } }, 'test')).toEqual({
      ok: false,
      error: 'lr: 5 is outside the search space; expected a number from 0.0001 to 0.1',
    });
    const second = await sweep.execute({ type: 'addTrial', params: { lr: 0.02, layers: 2 } }, 'test');
    expect(await sweep.execute({ type: 'kill', trialId: (second as { trialId: number }).trialId }, 'test')).toEqual({ ok: true });
    expect(await sweep.execute({ type: 'promote', trialId: 0 }, 'test')).toEqual({ ok: true });
    expect(sweep.snapshot().trials[0].promoted).toBe(true);
    expect(await sweep.execute({ type: 'kill', trialId: 0 }, 'test')).toEqual({ ok: true });
    await waitFor(() => sweep.snapshot().trials[1].state === 'running', 10_000, 'added trial runs next');
    expect(sweep.snapshot().trials[1].params).toEqual({ lr: 0.01, layers: 3 });
    await sweep.execute({ type: 'stop', force: true }, 'test');
    const snapshot = await sweep.done;
    expect(snapshot.trials.map((t) => t.state)).toEqual(['killed', 'killed', 'killed']);
    expect(snapshot.trials[2].reason).toBe('removed from the queue by test');
    expect(await sweep.execute({ type: 'pause', trialId: 0 }, 'test')).toMatchObject({ ok: false });
    const doc = JSON.parse(readFileSync(join(sweep.dir, 'sweep.json'), 'utf8'));
    expect(doc.interventions.map((i: { command: string }) => i.command)).toEqual([
      'addTrial',
      'addTrial',
      'kill',
      'promote',
      'kill',
      'stop',
    ]);
    expect(existsSync(join(snapshot.trials[2].dir, 'result.json'))).toBe(true);
  });
});

describe('log files as metric sources', () => {
  it('follows a CSV the trial writes into its folder, and records where each point came from', async () => {
    const sweep = await makeSweep(
      temp,
      sweepFile(
        '--lr {lr} --epochs 4 --epoch-ms 30 --no-metric --write-csv {trial.dir}/metrics.csv',
        "trials: 2\nparallel: 2\nlogs: ['{trial.dir}/metrics.csv']",
      ),
    );
    const snapshot = await runToEnd(sweep);
    for (const trial of snapshot.trials) {
      expect(trial.state).toBe('completed');
      const points = await readMetricLog(join(trial.dir, 'metrics.jsonl'));
      const valLoss = points.filter((p) => p.name === 'val_loss');
      expect(valLoss.map((p) => p.step)).toEqual([0, 1, 2, 3]);
      expect(new Set(valLoss.map((p) => p.source))).toEqual(new Set([join(trial.dir, 'metrics.csv')]));
      expect(trial.steps).toBe(4);
    }
  });
});
