import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SnapshotMirror } from '../../../src/engine/control/mirror.js';
import type { SweepSnapshot } from '../../../src/engine/events.js';
import { stopTrackedSweeps } from '../../helpers/cleanup.js';
import { makeSweep, TempDir, TRAINER, waitFor, withTimeout } from '../../helpers/sweep.js';
import { RawClient } from './raw-client.js';
import { attach, closeAll, serve } from './serve.js';

let temp: TempDir;
beforeEach(() => (temp = new TempDir()));
afterEach(async () => {
  await closeAll();
  await stopTrackedSweeps();
  temp.remove();
});

/** Four trials at once, each redrawing a Keras progress bar `steps` × 10 times a second. */
const chattySweep = (
  epochs: number,
  steps: number,
) => `command: node ${TRAINER} --lr {lr} --epochs ${epochs} --epoch-ms 100 --steps-per-epoch ${steps} --format keras
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
sampler: random
trials: 4
parallel: 4
metric: {name: val_loss, goal: minimize}
`;

describe('a client that does not keep up', () => {
  it('is dropped when it reads nothing, while the controller and the other clients carry on', { timeout: 60_000 }, async () => {
    const sweep = await makeSweep(temp, chattySweep(200, 100));
    // 1 MiB: overflowed within a second or two by the stuck client, while the reader in this busy
    // process (provisional metrics of every redraw: ~1 MB/s) has room to breathe
    const server = await serve(sweep, sweep.dir, { maxBacklogBytes: 1 << 20, lagTimeoutMs: 500 });
    const stuck = await RawClient.connect(server.path);
    stuck.send({ v: 1, type: 'subscribe', output: true });
    stuck.socket.pause();
    const reader = await attach(sweep.dir);
    let received = 0;
    reader.on('trial:metric', () => received++);
    let emitted = 0;
    sweep.on('trial:metric', () => emitted++);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    sweep.start();

    await waitFor(() => server.stats.dropped === 1, 40_000, 'the stuck client is dropped');
    expect(server.clientCount).toBe(1);
    stuck.socket.resume(); // a paused socket does not see the end of the stream
    await waitFor(() => stuck.closed, 5_000, 'the stuck client sees it was dropped');
    const receivedAtDrop = received;
    const emittedAtDrop = emitted;
    await waitFor(() => emitted > emittedAtDrop + 200 && received > receivedAtDrop + 200, 20_000, 'events keep flowing after the drop');
    loop.disable();
    expect(loop.max / 1e6).toBeLessThan(1_000);
    expect(await reader.ping()).toBeLessThan(1_000);
    expect(reader.connected).toBe(true);
  });

  it('gets a fresh snapshot once it catches up, and its state is whole again', { timeout: 60_000 }, async () => {
    // a gentler stream (~300 KB/s): once it reads again, this client keeps up even in a busy process
    const sweep = await makeSweep(temp, chattySweep(50, 20));
    const server = await serve(sweep, sweep.dir, { maxBacklogBytes: 128 << 10, lagTimeoutMs: 30_000 });
    const slow = await RawClient.connect(server.path);
    slow.send({ v: 1, type: 'subscribe', output: true });
    await slow.next((m) => m.type === 'snapshot');
    slow.socket.pause();
    sweep.start();
    await waitFor(() => server.stats.fellBehind === 1, 40_000, 'the paused client falls behind');
    let emitted = 0;
    sweep.on('trial:output', () => emitted++);
    await waitFor(() => emitted > 200, 10_000, 'more output while it lags');
    slow.socket.resume();
    const final = await withTimeout(sweep.done, 40_000, 'the sweep did not finish');
    await waitFor(
      () => slow.messages.some((m) => m.type === 'event' && m.event === 'sweep:finished'),
      10_000,
      'the slow client sees the end',
    );

    expect(server.stats).toEqual({ fellBehind: 1, resynced: 1, dropped: 0 });
    expect(slow.messages.filter((m) => m.type === 'snapshot')).toHaveLength(2);
    // fold what the slow client got, up to the end, into a mirror: the resync made it whole
    let mirror: SnapshotMirror | null = null;
    for (const message of slow.messages) {
      if (message.type === 'snapshot') mirror = new SnapshotMirror(message.snapshot);
      else if (message.type === 'event' && message.event !== 'sweep:finished') mirror!.apply(message.event, message.payload);
    }
    const expected: SweepSnapshot = { ...final, phase: 'running', stopReason: null, finishedAt: null };
    expect(mirror!.snapshot()).toEqual(expected);
  });
});
