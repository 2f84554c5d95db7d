import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineEvents, SweepSnapshot } from '../../../src/engine/events.js';
import { readControlInfo } from '../../../src/engine/control/control-info.js';
import { sendCommand } from '../../../src/engine/control/client.js';
import { stopTrackedSweeps } from '../../helpers/cleanup.js';
import { makeSweep, runToEnd, TempDir, TRAINER, waitFor, withTimeout } from '../../helpers/sweep.js';
import { RawClient } from './raw-client.js';
import { attach, closeAll, mirrorBeforeFinish, serve } from './serve.js';

let temp: TempDir;
beforeEach(() => (temp = new TempDir()));
afterEach(async () => {
  await closeAll();
  await stopTrackedSweeps();
  temp.remove();
});

const sweepFile = (command: string, extra: string) => `command: node ${TRAINER} ${command}
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
  nan_at: {type: choice, values: [1, 99]}
sampler: random
seed: 11
metric: {name: val_loss, goal: minimize}
${extra}`;

/** Everything but what only the end changes. */
const beforeEnd = (s: SweepSnapshot) => ({ ...s, phase: 'running', stopReason: null, finishedAt: null });

describe('a sweep served over its control socket', () => {
  it('two clients see the same sweep; a command from one is seen by the other', async () => {
    const sweep = await makeSweep(temp, sweepFile('--lr {lr} --epochs 40 --epoch-ms 50', 'trials: 6\nparallel: 2'));
    await serve(sweep, sweep.dir);
    const a = await attach(sweep.dir);
    const b = await attach(sweep.dir);
    expect(b.snapshot()).toEqual(sweep.snapshot());
    const seenByB: EngineEvents['sweep:intervention'][] = [];
    b.on('sweep:intervention', (i) => seenByB.push(i));
    const aBefore = mirrorBeforeFinish(a);
    const bBefore = mirrorBeforeFinish(b);
    sweep.start();
    await waitFor(() => b.snapshot().trials.filter((t) => t.state === 'running').length === 2, 10_000, 'two trials running');

    // promote a queued trial: its update reaches the sender before the result does
    const queued = a.snapshot().trials.find((t) => t.state === 'queued') ?? null;
    const added = queued ? null : await a.execute({ type: 'addTrial', params: { lr: 0.01, nan_at: 99 } }, 'alice');
    const target = queued?.id ?? (added as { trialId: number }).trialId;
    expect(await a.execute({ type: 'promote', trialId: target }, 'alice')).toEqual({ ok: true });
    expect(a.snapshot().trials.find((t) => t.id === target)?.promoted).toBe(true);
    await waitFor(() => b.snapshot().trials.find((t) => t.id === target)?.promoted === true, 5_000, 'b sees the promotion');

    const running = b.snapshot().trials.find((t) => t.state === 'running')!;
    expect(await a.execute({ type: 'kill', trialId: running.id }, 'alice')).toEqual({ ok: true });
    await waitFor(() => b.snapshot().trials.find((t) => t.id === running.id)?.state === 'killed', 10_000, 'b sees the kill');
    expect(b.snapshot().trials.find((t) => t.id === running.id)?.reason).toBe('killed by alice');
    expect(seenByB.map((i) => [i.by, i.command, i.trialId])).toContainEqual(['alice', 'kill', running.id]);

    expect(await b.execute({ type: 'kill', trialId: 999 }, 'bob')).toEqual({ ok: false, error: 'no trial 999 in this sweep' });
    expect(await b.execute({ type: 'setParallel', value: 3 }, 'bob')).toEqual({ ok: true });
    await waitFor(() => a.snapshot().parallel === 3, 5_000, 'a sees parallel 3');

    const final = await withTimeout(sweep.done, 30_000, 'sweep did not finish');
    await waitFor(() => a.snapshot().phase === 'finished' && b.snapshot().phase === 'finished', 5_000, 'clients see the end');
    expect(a.snapshot()).toEqual(final);
    expect(b.snapshot()).toEqual(final);
    // what the deltas alone built, before the final snapshot replaced it
    expect(aBefore.current).toEqual(beforeEnd(final));
    expect(bBefore.current).toEqual(beforeEnd(final));
  });

  it("a mirror built from deltas equals the engine's final snapshot, NaN objectives included", async () => {
    const sweep = await makeSweep(temp, sweepFile('--lr {lr} --epochs 4 --epoch-ms 20 --nan-at {nan_at}', 'trials: 10\nparallel: 3'));
    await serve(sweep, sweep.dir);
    const remote = await attach(sweep.dir);
    const before = mirrorBeforeFinish(remote);
    const final = await runToEnd(sweep);
    expect(final.trials.filter((t) => Number.isNaN(t.objective)).length).toBeGreaterThan(0);
    expect(final.trials.filter((t) => Number.isFinite(t.objective)).length).toBeGreaterThan(0);
    expect(before.current.trials.filter((t) => Number.isNaN(t.objective)).length).toBe(
      final.trials.filter((t) => Number.isNaN(t.objective)).length,
    );
    expect(before.current).toEqual(beforeEnd(final));
  });

  it('the phase of a stopped sweep, and the result of a command, reach every client', async () => {
    const sweep = await makeSweep(temp, sweepFile('--lr {lr} --epochs 100 --epoch-ms 50', 'trials: 4\nparallel: 2'));
    await serve(sweep, sweep.dir);
    const remote = await attach(sweep.dir);
    const seenOnStopping: Array<Pick<SweepSnapshot, 'phase' | 'stopReason'>> = [];
    remote.on('sweep:stopping', () => seenOnStopping.push({ phase: remote.snapshot().phase, stopReason: remote.snapshot().stopReason }));
    sweep.start();
    await waitFor(() => remote.snapshot().trials.some((t) => t.state === 'running'), 10_000, 'a trial runs');
    expect(await sendCommand(sweep.dir, { type: 'stop' }, 'ctl')).toEqual({ ok: true });
    await waitFor(() => seenOnStopping.length > 0, 5_000, 'stopping seen');
    expect(seenOnStopping[0]).toEqual({ phase: 'stopping', stopReason: 'stopped by ctl' });
    await withTimeout(sweep.done, 20_000, 'sweep did not stop');
  });

  it('answers pings and snapshot requests, sends output only to who asked for it, and tells clients when it closes', async () => {
    const sweep = await makeSweep(temp, sweepFile('--lr {lr} --epochs 3 --epoch-ms 20', 'trials: 2\nparallel: 2'));
    const server = await serve(sweep, sweep.dir);
    expect(readControlInfo(sweep.dir)).toMatchObject({ socket: server.path, pid: process.pid, protocol: 1 });
    const quiet = await attach(sweep.dir);
    const loud = await attach(sweep.dir, { output: true });
    let quietOutput = 0;
    let loudOutput = 0;
    quiet.on('trial:output', () => quietOutput++);
    loud.on('trial:output', () => loudOutput++);
    const raw = await RawClient.connect(server.path);
    raw.send({ v: 1, type: 'ping', id: 'p1' });
    raw.send({ v: 1, type: 'snapshot', id: 8 });
    expect(await raw.next((m) => m.type === 'pong')).toEqual({ v: 1, type: 'pong', id: 'p1' });
    expect(await raw.next((m) => m.type === 'snapshot')).toMatchObject({ id: 8, snapshot: { name: 'sweep', trials: [] } });
    expect(server.clientCount).toBe(3);
    await runToEnd(sweep);
    await waitFor(() => loud.snapshot().phase === 'finished', 5_000, 'loud sees the end');
    expect(loudOutput).toBeGreaterThan(5);
    expect(quietOutput).toBe(0);
    expect(raw.messages.filter((m) => m.type === 'event')).toEqual([]);
    expect(await quiet.ping()).toBeLessThan(1_000);

    const reasons: string[] = [];
    quiet.onDisconnected((reason) => reasons.push(reason));
    await server.close();
    await waitFor(() => reasons.length === 1 && !quiet.connected, 5_000, 'disconnect noticed');
    expect(reasons[0]).toMatch(/closed/);
    expect(await quiet.execute({ type: 'stop' }, 'tui')).toMatchObject({ ok: false, error: expect.stringContaining('not connected') });
    expect(quiet.snapshot().phase).toBe('finished');
    await expect(attach(sweep.dir)).rejects.toThrow(/no controller has listened here/);
  });
});
