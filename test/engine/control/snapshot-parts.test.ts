import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TRIALS_PER_PART } from '../../../src/engine/control/outgoing.js';
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

const TRIALS = 2 * TRIALS_PER_PART + 34;

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
    const sizes = [first, ...rest.slice(0, 2)].map((m) => (m.type === 'snapshot' ? m.snapshot.trials.length : m.type === 'trials' ? m.trials.length : 0));
    expect(sizes).toEqual([TRIALS_PER_PART, TRIALS_PER_PART, 34]);

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
});
