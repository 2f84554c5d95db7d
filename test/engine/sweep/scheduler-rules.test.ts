/**
 * The scheduler's rules on in-memory trials and virtual time: parallel slots, retries, stop
 * rules, GPU slots, the crash loop and the lifecycle, each in milliseconds. What real processes
 * add (process groups, signals reaching children, output through the kernel) is tested with
 * them in sweep.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { TrialSnapshot } from '../../../src/engine/events.js';
import type { Sweep } from '../../../src/engine/sweep/sweep.js';
import { type FinishedState, IllegalTransition, nextState, TRANSITIONS, type TrialEvent } from '../../../src/engine/trial/lifecycle.js';
import type { LaunchSpec } from '../../../src/plugin-api/executor.js';
import type { TrialState } from '../../../src/plugin-api/trial-state.js';
import { advanceBy, advanceUntil, runVirtual, settle, useFakeClock } from '../../helpers/fake-clock.js';
import { InMemoryExecutor, type TrialScript } from '../../helpers/in-memory-executor.js';
import { MEMORY_TMPDIR, makeSweep, tempDirPerTest } from '../../helpers/sweep.js';

const temp = tempDirPerTest(MEMORY_TMPDIR);
useFakeClock();

const MINUTE = 60_000;

const sweepFile = (extra: string) => `command: train --lr {lr}
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
sampler: random
seed: 3
metric: {name: val_loss, goal: minimize}
${extra}`;

/** A trial that reports `epochs` falling losses, the last `loss`, one per `stepMs`, and exits 0. */
const trains = (epochs = 2, stepMs = 1000, loss = 0.5): TrialScript => ({
  lines: Array.from({ length: epochs }, (_, epoch) => `epoch=${epoch} val_loss=${loss + (epochs - 1 - epoch) * 0.25}`),
  stepMs,
});

async function fakeSweep(extra: string, script: (spec: LaunchSpec) => TrialScript): Promise<{ sweep: Sweep; fake: InMemoryExecutor }> {
  const fake = new InMemoryExecutor(script);
  const sweep = await makeSweep(temp, sweepFile(extra), 'sweep.yaml', { executor: fake });
  return { sweep, fake };
}

const states = (trials: readonly TrialSnapshot[]) => trials.map((t) => t.state);

describe('parallel slots', () => {
  it('never runs more than `parallel` trials, and fills a freed slot at the moment it frees', async () => {
    // unequal lengths, so trials end out of order
    const { sweep, fake } = await fakeSweep('trials: 12\nparallel: 3', (spec) => trains(2, 1000 * (1 + (spec.trialId % 4))));
    let mostActive = 0;
    sweep.on('trial:updated', () => (mostActive = Math.max(mostActive, sweep.activeCount())));
    const snapshot = await runVirtual(sweep);
    expect(states(snapshot.trials)).toEqual(Array(12).fill('completed'));
    expect([fake.maxAlive, mostActive]).toEqual([3, 3]);
    const ends = fake.trials.map((t) => t.endedAt!);
    // the first three start together; every later one starts when an earlier one ended, not a poll later
    for (const launch of fake.launches.slice(3)) expect(ends).toContain(launch.at);
    expect(new Set(fake.launches.slice(0, 3).map((l) => l.at)).size).toBe(1);
  });

  it('a raised `parallel` launches at once; a lowered one stops no running trial', async () => {
    const { sweep, fake } = await fakeSweep('trials: 6\nparallel: 1', () => trains(2, 10 * MINUTE));
    sweep.start();
    await advanceUntil(() => fake.aliveCount === 1, 'first trial runs');
    expect(await sweep.execute({ type: 'setParallel', value: 3 }, 'test')).toEqual({ ok: true });
    await settle();
    expect(fake.aliveCount).toBe(3);
    expect(await sweep.execute({ type: 'setParallel', value: 1 }, 'test')).toEqual({ ok: true });
    await settle();
    expect(fake.aliveCount).toBe(3);
    expect(fake.signals).toEqual([]);
    const snapshot = await runVirtual(sweep);
    expect(states(snapshot.trials)).toEqual(Array(6).fill('completed'));
  });
});

describe('retries', () => {
  it('runs a failed trial again under the same id, each attempt numbered, until one succeeds', async () => {
    const ends: TrialScript['end'][] = [1, 'SIGSEGV', 0];
    const { sweep, fake } = await fakeSweep('trials: 1\nretries: 2', (spec) => ({ ...trains(1), end: ends[spec.attempt] }));
    const snapshot = await runVirtual(sweep);
    expect(fake.launches.map((l) => [l.trialId, l.attempt])).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
    ]);
    expect(snapshot.trials).toHaveLength(1);
    expect(snapshot.trials[0]).toMatchObject({ state: 'completed', attempt: 2 });
  });

  it('stops retrying after `retries` more attempts; the last failure stands', async () => {
    const { sweep, fake } = await fakeSweep('trials: 1\nretries: 1', () => ({ ...trains(1), end: 3 }));
    const snapshot = await runVirtual(sweep);
    expect(fake.launches.map((l) => l.attempt)).toEqual([0, 1]);
    expect(snapshot.trials[0]).toMatchObject({ state: 'failed', attempt: 1, exitCode: 3, reason: 'exit code 3' });
  });

  it('retries failures only: a timed-out or killed trial is not run again; a lost one once, even with no retries', async () => {
    const timedOut = await fakeSweep('trials: 1\nretries: 3\ntimeout: 5m\ngrace: 10s', () => ({ end: 'hang' }));
    expect((await runVirtual(timedOut.sweep)).trials[0]).toMatchObject({ state: 'timed_out', attempt: 0 });
    expect(timedOut.fake.launches).toHaveLength(1);

    const lost = await fakeSweep('trials: 1', () => ({ ...trains(1), end: 'vanish' }));
    const lostEnd = await runVirtual(lost.sweep);
    expect(lost.fake.launches.map((l) => l.attempt)).toEqual([0, 1]);
    expect(lostEnd.trials[0]).toMatchObject({ state: 'lost', attempt: 1 });

    const killed = await fakeSweep('trials: 1\nretries: 3', () => ({ end: 'hang' }));
    killed.sweep.start();
    await advanceUntil(() => killed.fake.aliveCount === 1, 'trial runs');
    await killed.sweep.execute({ type: 'kill', trialId: 0 }, 'test');
    const killedEnd = await runVirtual(killed.sweep);
    expect(killedEnd.trials[0]).toMatchObject({ state: 'killed', attempt: 0 });
    expect(killed.fake.launches).toHaveLength(1);
  });
});

describe('stop rules', () => {
  it('max_failures stops launching once that many trials failed; the running ones finish', async () => {
    // slow failures (past the crash-loop window), so only max_failures can stop it
    const { sweep, fake } = await fakeSweep('trials: 30\nparallel: 2\nmax_failures: 3', (spec) =>
      spec.trialId === 3 ? trains(2, 5 * MINUTE) : { ...trains(1, 2 * MINUTE), end: 1 },
    );
    const snapshot = await runVirtual(sweep);
    expect(snapshot.stopReason).toBe('max_failures reached: 3 trials failed');
    expect(sweep.stoppedOnFailures).toBe(true);
    expect(snapshot.trials.filter((t) => t.state === 'failed')).toHaveLength(3);
    // trial 3 was running when the third failure came: it completed, and nothing started after
    expect(snapshot.trials.find((t) => t.id === 3)?.state).toBe('completed');
    expect(fake.launches).toHaveLength(4);
  });

  it('stop_when stops launching when a completed trial meets it', async () => {
    const { sweep, fake } = await fakeSweep('trials: 30\nparallel: 1\nstop_when: "val_loss < 0.2"', (spec) =>
      trains(2, 1000, spec.trialId === 4 ? 0.1 : 0.5),
    );
    const snapshot = await runVirtual(sweep);
    expect(snapshot.stopReason).toBe('stop_when "val_loss < 0.2" met by trial 4 (val_loss = 0.1)');
    expect(fake.launches).toHaveLength(5);
    expect(sweep.stoppedOnFailures).toBe(false);
  });

  it('max_duration stops launching when the clock runs out, and lets the running trials complete', async () => {
    const { sweep, fake } = await fakeSweep('trials: 100\nparallel: 2\nmax_duration: 1h', () => trains(2, 8 * MINUTE));
    const started = Date.now();
    const snapshot = await runVirtual(sweep);
    expect(snapshot.stopReason).toBe('max_duration of 1h reached');
    // trials take 24 min: two rounds by the hour, the third (from 48 min) completes at 72
    expect(states(snapshot.trials)).toEqual(Array(6).fill('completed'));
    expect(Math.max(...fake.launches.map((l) => l.at)) - started).toBeLessThan(60 * MINUTE);
    expect(Date.now() - started).toBeGreaterThanOrEqual(60 * MINUTE);
  });

  it('stops after two trials exit 0 without the objective while none reported it', async () => {
    const { sweep, fake } = await fakeSweep('trials: 30\nparallel: 1', () => ({ lines: ['epoch=0 val_los=0.5'], stepMs: 1000 }));
    const snapshot = await runVirtual(sweep);
    expect(fake.launches).toHaveLength(2);
    expect(snapshot.stopReason).toMatch(/val_loss/);
    expect(sweep.stoppedOnFailures).toBe(true);
  });
});

describe('GPU slots', () => {
  it('gives no GPU to two live trials, `gpus_per_trial` to each, and frees them the moment a trial ends', async () => {
    const { sweep, fake } = await fakeSweep('trials: 12\nparallel: 8\ngpus: [0, 1, 2, 3, 4]\ngpus_per_trial: 2', (spec) =>
      trains(2, 1000 * (1 + (spec.trialId % 3))),
    );
    const snapshot = await runVirtual(sweep);
    expect(states(snapshot.trials)).toEqual(Array(12).fill('completed'));
    expect(fake.gpuClashes).toEqual([]);
    expect(fake.maxAlive).toBe(2);
    expect(fake.launches.every((l) => l.gpus?.length === 2)).toBe(true);
    for (const trial of fake.trials) expect(trial.spec.env.CUDA_VISIBLE_DEVICES).toBe(trial.spec.gpus!.join(','));
    for (const launch of fake.launches.slice(2)) expect(fake.trials.map((t) => t.endedAt)).toContain(launch.at);
  });

  it('a paused trial keeps its GPUs', async () => {
    const { sweep, fake } = await fakeSweep('trials: 3\nparallel: 3\ngpus: [0, 1]', () => trains(2, 10 * MINUTE));
    sweep.start();
    await advanceUntil(() => fake.aliveCount === 2, 'two trials run');
    expect(await sweep.execute({ type: 'pause', trialId: 0 }, 'test')).toEqual({ ok: true });
    await advanceUntil(() => fake.trial(1)?.isEnded === true, 'trial 1 ends');
    await settle();
    expect(fake.trial(2)?.spec.gpus).toEqual(['1']);
    expect(fake.gpuClashes).toEqual([]);
    await sweep.execute({ type: 'resume', trialId: 0 }, 'test');
    await runVirtual(sweep);
    expect(fake.gpuClashes).toEqual([]);
  });
});

describe('the crash loop', () => {
  it('stops the sweep when the first three trials fail within 60 s, naming the first stderr', async () => {
    const { sweep, fake } = await fakeSweep('trials: 50\nparallel: 2', () => ({
      lines: ['epoch=0 val_loss=0.5'],
      stderr: ['Traceback (most recent call last):', 'ImportError: no module named torch'],
      stepMs: 5000,
      end: 1,
    }));
    const snapshot = await runVirtual(sweep);
    expect(snapshot.stopReason).toMatch(/^crash loop: the first 3 trials failed within 60 s; see .*trials\/0\/stderr\.log$/);
    expect(sweep.stoppedOnFailures).toBe(true);
    // the fourth had started beside the third; none after
    expect(fake.launches).toHaveLength(4);
  });

  it('is no crash loop when the failures take a minute or more, or one of the first three succeeds', async () => {
    const slow = await fakeSweep('trials: 6\nparallel: 2', () => ({ ...trains(1, 31 * 1000), end: 1 }));
    const slowEnd = await runVirtual(slow.sweep);
    expect(slowEnd.stopReason).toBe('all 6 trials done');
    expect(slow.fake.launches).toHaveLength(6);

    const mixed = await fakeSweep('trials: 6\nparallel: 1', (spec) => ({ ...trains(1), end: spec.trialId === 1 ? 0 : 1 }));
    expect((await runVirtual(mixed.sweep)).stopReason).toBe('all 6 trials done');
  });
});

describe('the lifecycle through a sweep', () => {
  it('takes every move a sweep makes through the table, and only such moves', async () => {
    const { sweep, fake } = await fakeSweep('trials: 5\nparallel: 1\nretries: 1\ntimeout: 1h\ngrace: 30s', (spec) => {
      if (spec.attempt > 0) return trains(1);
      switch (spec.trialId) {
        case 0:
          return { ...trains(1), queuedMs: 5000 }; // held in the executor's queue first, as by Slurm
        case 1:
          return { end: 'hang' }; // paused, resumed, paused, killed, then promoted to run again
        case 2:
          return { ...trains(1), end: 1 }; // failed, retried
        case 3:
          return { ...trains(1), end: 'vanish' }; // lost, run again once
        default:
          return { end: 'hang', onSigterm: 'ignore' }; // timed out; SIGKILL after grace
      }
    });
    const moves = new Set<string>();
    sweep.on('trial:updated', ({ trial, previousState }) => {
      if (previousState !== null && previousState !== trial.state) moves.add(`${previousState}→${trial.state}`);
    });
    sweep.start();
    await advanceUntil(() => fake.trial(1) !== undefined, 'trial 1 launched');
    for (const command of ['pause', 'resume', 'pause', 'kill', 'promote'] as const) {
      expect(await sweep.execute({ type: command, trialId: 1 }, 'test'), command).toEqual({ ok: true });
      await settle();
    }
    await advanceUntil(() => fake.trial(4) !== undefined, 'trial 4 launched');
    const added = await sweep.execute({ type: 'addTrial', params: { lr: 0.01 } }, 'test');
    expect(await sweep.execute({ type: 'kill', trialId: (added as { trialId: number }).trialId }, 'test')).toEqual({ ok: true });
    const snapshot = await runVirtual(sweep);

    expect(snapshot.trials.map((t) => [t.id, t.state, t.attempt])).toEqual([
      [0, 'completed', 0],
      [1, 'completed', 1],
      [2, 'completed', 1],
      [3, 'completed', 1],
      [4, 'timed_out', 0],
      [5, 'killed', 0],
    ]);
    expect(snapshot.trials[4].signal).toBe('SIGKILL');
    expect(fake.signals.filter((s) => s.trialId === 4).map((s) => s.signal)).toEqual(['SIGTERM', 'SIGKILL']);
    expect([...moves].sort()).toEqual(
      [
        'queued→running',
        'running→pending',
        'pending→running',
        'running→completed',
        'running→paused',
        'paused→running',
        'paused→killed',
        'killed→queued',
        'running→failed',
        'failed→queued',
        'running→lost',
        'lost→queued',
        'running→timed_out',
        'queued→killed',
      ].sort(),
    );
    for (const move of moves) {
      const [from, to] = move.split('→') as [TrialState, TrialState];
      const events = (Object.keys(TRANSITIONS) as TrialEvent['type'][]).map(
        (type): TrialEvent => (type === 'end' ? { type, state: to as FinishedState } : { type }) as TrialEvent,
      );
      expect(
        events.some((event) => nextState(from, event) === to),
        move,
      ).toBe(true);
    }
  });

  it('refuses what the table forbids: a command is answered with why, a bug in the engine throws', async () => {
    const { sweep, fake } = await fakeSweep('trials: 3\nparallel: 1', () => trains(2, MINUTE));
    sweep.start();
    await advanceUntil(() => fake.trial(0) !== undefined && sweep.snapshot().trials.length >= 1, 'trial 0 runs');
    expect(await sweep.execute({ type: 'resume', trialId: 0 }, 'test')).toEqual({
      ok: false,
      error: 'trial 0 is running; only a paused trial can be resumed',
    });
    expect(() => sweep.transition(sweep.entries.get(0)!, { type: 'launch' })).toThrow(IllegalTransition);
    expect(sweep.entries.get(0)!.state).toBe('running');
    await advanceUntil(() => sweep.entries.get(0)?.state === 'completed', 'trial 0 completes');
    expect(await sweep.execute({ type: 'kill', trialId: 0 }, 'test')).toEqual({
      ok: false,
      error: 'trial 0 is completed; there is nothing left to kill',
    });
    expect(() => sweep.transition(sweep.entries.get(0)!, { type: 'requeue' })).toThrow(/no transition from completed on requeue/);
    const snapshot = await runVirtual(sweep);
    expect(await sweep.execute({ type: 'pause', trialId: 1 }, 'test')).toMatchObject({ ok: false });
    expect(states(snapshot.trials)).toEqual(['completed', 'completed', 'completed']);
    expect(fake.signals).toEqual([]);
  });
});

describe('pause and virtual time', () => {
  it('paused time counts toward neither the trial nor its timeout', async () => {
    // 12 min of running (3 lines, 3 min apart, then the exit), under a timeout of 15 min
    const { sweep, fake } = await fakeSweep('trials: 1\ntimeout: 15m', () => trains(3, 3 * MINUTE));
    sweep.start();
    await advanceUntil(() => fake.trial(0) !== undefined, 'trial runs');
    await advanceBy(MINUTE);
    await sweep.execute({ type: 'pause', trialId: 0 }, 'test');
    await advanceBy(60 * MINUTE);
    await sweep.execute({ type: 'resume', trialId: 0 }, 'test');
    const snapshot = await runVirtual(sweep);
    expect(snapshot.trials[0]).toMatchObject({ state: 'completed', runtimeMs: 12 * MINUTE });
  });
});
