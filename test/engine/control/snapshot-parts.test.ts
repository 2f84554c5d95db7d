import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIRST_PART_TRIALS, TRIALS_PER_PART } from '../../../src/engine/control/outgoing.js';
import { FakeClient, makeSnapshot, makeTrial } from '../../ui/fake-client.js';
import { TempDir, waitFor } from '../../helpers/sweep.js';
import { RawClient } from './raw-client.js';
import { attach, closeAll, serve } from './serve.js';

let temp: TempDir;
beforeEach(() => (temp = new TempDir()));
afterEach(async () => {
  await closeAll();
  temp.remove();
});

const TRIALS = FIRST_PART_TRIALS + TRIALS_PER_PART + 34;

/** A fake engine whose trial 0 changes (and says so) on the turn of the event loop after every snapshot. */
function changingAfterSnapshots(): FakeClient {
  const trials = Array.from({ length: TRIALS }, (_, id) => makeTrial(id, { objective: id % 7 === 0 ? NaN : id / 10 }));
  const fake = new FakeClient(makeSnapshot({ trials }));
  const take = fake.snapshot.bind(fake);
  let version = 0;
  fake.snapshot = () => {
    const snapshot = take();
    setImmediate(() => fake.update(0, { reason: `changed ${++version}` }));
    return snapshot;
  };
  return fake;
}

describe('a large snapshot', () => {
  it('goes out in parts, with the events that happened meanwhile after its last part', async () => {
    const fake = changingAfterSnapshots();
    const server = await serve(fake, temp.path);
    const raw = await RawClient.connect(server.path);
    raw.send({ v: 1, type: 'subscribe' });
    await raw.next((m) => m.type === 'event');
    expect(raw.messages.map((m) => (m.type === 'event' ? m.event : m.type))).toEqual(['snapshot', 'trials', 'trials', 'trial:updated']);
    const [first, ...rest] = raw.messages;
    expect(first).toMatchObject({ type: 'snapshot', parts: 3 });
    const sizes = [first, ...rest.slice(0, 2)].map((m) =>
      m.type === 'snapshot' ? m.snapshot.trials.length : m.type === 'trials' ? m.trials.length : 0,
    );
    expect(sizes).toEqual([FIRST_PART_TRIALS, TRIALS_PER_PART, 34]);

    raw.messages.length = 0;
    raw.send({ v: 1, type: 'snapshot', id: 9 });
    await raw.next((m) => m.type === 'event');
    expect(raw.messages.map((m) => (m.type === 'event' ? m.event : m.type))).toEqual(['snapshot', 'trials', 'trials', 'trial:updated']);
    expect(raw.messages[0]).toMatchObject({ id: 9, parts: 3 });
  });

  it('is whole in a client, which applies what changed meanwhile after it', async () => {
    const fake = changingAfterSnapshots();
    await serve(fake, temp.path);
    const remote = await attach(temp.path);
    await waitFor(() => remote.snapshot().trials[0].reason !== null, 5_000, 'the change after the snapshot arrives');
    const mirrored = remote.snapshot();
    expect(mirrored.trials).toHaveLength(TRIALS);
    expect(mirrored.trials[0].reason).toBe('changed 1');
    expect(mirrored).toEqual({ ...fake.state, trials: fake.state.trials });
    expect(Number.isNaN(mirrored.trials[7].objective)).toBe(true);
    expect(await remote.ping()).toBeLessThan(1_000);
  });

  it('in sweep:finished, reaches every client even when the controller closes right after sending it', async () => {
    const fake = new FakeClient(makeSnapshot({ trials: Array.from({ length: TRIALS }, (_, id) => makeTrial(id, { state: 'completed' })) }));
    const server = await serve(fake, temp.path);
    const remotes = [await attach(temp.path), await attach(temp.path)];
    const ends: string[] = [];
    for (const remote of remotes) remote.onDisconnected((reason) => ends.push(reason));
    fake.state.phase = 'finished';
    fake.emit('sweep:finished', { snapshot: fake.snapshot() });
    await server.close();
    await waitFor(() => ends.length === 2, 5_000, 'both clients disconnected');
    for (const remote of remotes) expect(remote.snapshot()).toMatchObject({ phase: 'finished', trials: { length: TRIALS } });
  });

  describe('delivered part by part (progressive, for a view that draws the first part at once)', () => {
    it('resolves with the first part; the rest waits for continueSnapshot, then arrives as trial:updated', async () => {
      const fake = changingAfterSnapshots();
      // the best trial is in the last part: the header learns of it when that part arrives
      fake.state.bestTrialId = TRIALS - 1;
      await serve(fake, temp.path);
      const remote = await attach(temp.path, { progressive: true });
      expect(remote.snapshot().trials).toHaveLength(FIRST_PART_TRIALS);
      const progress: unknown[] = [];
      remote.onSnapshotProgress((p) => progress.push(p));
      const arrived: number[] = [];
      const bests: unknown[] = [];
      remote.on('trial:updated', ({ trial, previousState }) => arrived.push(previousState === null ? trial.id : -1));
      remote.on('sweep:best', (best) => bests.push(best));

      // the rest is on its way, or here, but unread
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(remote.snapshot().trials).toHaveLength(FIRST_PART_TRIALS);
      expect(progress).toEqual([{ received: FIRST_PART_TRIALS, total: TRIALS }]);

      remote.continueSnapshot();
      await waitFor(() => remote.snapshot().trials[0].reason !== null, 5_000, 'the change after the snapshot arrives');
      expect(progress).toEqual([
        { received: FIRST_PART_TRIALS, total: TRIALS },
        { received: FIRST_PART_TRIALS + TRIALS_PER_PART, total: TRIALS },
        null,
      ]);
      // every later trial once, as a new one, in order; then trial 0's change (an update)
      expect(arrived.slice(0, -1)).toEqual(Array.from({ length: TRIALS - FIRST_PART_TRIALS }, (_, i) => FIRST_PART_TRIALS + i));
      expect(arrived.at(-1)).toBe(-1);
      expect(bests).toEqual([{ trialId: TRIALS - 1, objective: (TRIALS - 1) / 10 }]);
      expect(remote.snapshot()).toEqual({ ...fake.state, trials: fake.state.trials });
    });

    it('keeps what arrived before the controller closed until it is read, then reports the disconnection', async () => {
      const fake = new FakeClient(
        makeSnapshot({ trials: Array.from({ length: TRIALS }, (_, id) => makeTrial(id, { state: 'completed' })) }),
      );
      const server = await serve(fake, temp.path);
      const remote = await attach(temp.path, { progressive: true });
      const ends: string[] = [];
      remote.onDisconnected((reason) => ends.push(reason));
      fake.state.phase = 'finished';
      fake.emit('sweep:finished', { snapshot: fake.snapshot() });
      await server.close();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(ends).toEqual([]);
      expect(remote.snapshot().trials).toHaveLength(FIRST_PART_TRIALS);

      remote.continueSnapshot();
      await waitFor(() => ends.length === 1, 5_000, 'the disconnection, after the held lines');
      expect(remote.snapshot()).toMatchObject({ phase: 'finished', trials: { length: TRIALS } });
    });

    it('a snapshot in one part needs no continuing; an assembled one is never held', async () => {
      const small = new FakeClient(makeSnapshot({ trials: [makeTrial(0)] }));
      await serve(small, temp.path);
      const progressive = await attach(temp.path, { progressive: true });
      const progress: unknown[] = [];
      progressive.onSnapshotProgress((p) => progress.push(p));
      small.update(0, { reason: 'after' });
      await waitFor(() => progressive.snapshot().trials[0].reason === 'after', 5_000, 'an event without continueSnapshot');
      expect(progress).toEqual([]);
    });
  });
});
