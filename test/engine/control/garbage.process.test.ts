import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Rng } from '../../../src/plugin-api/rng.js';
import { stopTrackedSweeps } from '../../helpers/cleanup.js';
import { makeSweep, sweepBase, TempDir, waitFor, withTimeout } from '../../helpers/sweep.js';
import { RawClient } from './raw-client.js';
import { attach, closeAll, mirrorBeforeFinish, serve } from './serve.js';

let temp: TempDir;
beforeEach(() => (temp = new TempDir()));
afterEach(async () => {
  await closeAll();
  await stopTrackedSweeps();
  temp.remove();
});

const LINES = 10_000;

/** One line that is not a valid request (or a command the engine must refuse), never containing "\n". */
function garbageLine(rng: Rng, i: number): string | Buffer {
  const kinds: Array<() => string | Buffer> = [
    () =>
      Buffer.from(
        Array.from({ length: rng.int(1, 300) }, () => {
          const b = rng.int(0, 255);
          return b === 0x0a ? 0x20 : b;
        }),
      ),
    () => JSON.stringify({ v: 1, type: 'command', id: i, command: { type: 'kill', trialId: 1 } }).slice(0, rng.int(1, 60)),
    () => '{'.repeat(rng.int(1, 20_000)),
    () => '['.repeat(50_000) + ']'.repeat(50_000),
    () => JSON.stringify([1, 2, { v: 1 }]),
    () => String(rng.next()),
    () => 'null',
    () => '"ping"',
    () => JSON.stringify({ v: rng.pick([0, 2, '1', null, 1.5]), type: 'ping', id: i }),
    () => JSON.stringify({ v: 1, type: rng.pick(['launch', 'Ping', '', 42, null, '__proto__']), id: i }),
    () => JSON.stringify({ v: 1, type: 'ping', id: rng.pick([null, {}, [], 'x'.repeat(100)]) }),
    () =>
      JSON.stringify({
        v: 1,
        type: 'command',
        id: i,
        command: {
          type: rng.pick(['pause', 'kill', 'promote', 'resume']),
          trialId: rng.pick(['0', -1, 0.5, null, 1e300, { $num: 'nan' }]),
        },
      }),
    () => JSON.stringify({ v: 1, type: 'command', id: i, command: { type: rng.pick(['kill', 'pause', 'promote']), trialId: 100_000 + i } }),
    () =>
      JSON.stringify({
        v: 1,
        type: 'command',
        id: i,
        command: { type: 'setParallel', value: rng.pick(['8', 0, -3, 2.5, { $num: 'inf' }, { $num: 'nan' }]) },
      }),
    () =>
      JSON.stringify({
        v: 1,
        type: 'command',
        id: i,
        command: { type: 'addTrial', params: rng.pick([null, [], { lr: [1] }, { nope: 1 }, { lr: 'fast' }]) },
      }),
    () => JSON.stringify({ v: 1, type: 'command', id: i, command: { type: 'stop', force: 'yes' } }),
    () => JSON.stringify({ v: 1, type: 'command', id: i, by: '\u0000evil', command: { type: 'stop' } }),
    () => `{"__proto__":{"v":1,"type":"ping","id":${i}}}`,
    () => `{"v":1,"type":"subscribe","output":"${'x'.repeat(rng.int(0, 50))}"}`,
    () => '{"v":1,"type":"ping","id":1}'.repeat(2),
  ];
  if (i % 1_000 === 0) return 'x'.repeat((1 << 20) + rng.int(1, 100_000)); // oversized
  return rng.pick(kinds)();
}

describe('a controller fed garbage', () => {
  it(`answers ${LINES.toLocaleString('en')} garbage lines with one refusal each, keeps answering pings, and the sweep finishes unharmed`, async () => {
    const sweep = await makeSweep(temp, sweepBase().replace('--epochs 4 --epoch-ms 50', '--epochs 10 --epoch-ms 100'));
    const server = await serve(sweep, sweep.dir);
    const watcher = await attach(sweep.dir);
    const before = mirrorBeforeFinish(watcher);
    const raw = await RawClient.connect(server.path);
    sweep.start();
    const rng = new Rng('garbage');
    let sent = 0;
    // written in uneven chunks so lines are cut at arbitrary places
    let pending: Buffer[] = [];
    for (let i = 0; i < LINES; i++) {
      let line = garbageLine(rng, i);
      while (typeof line === 'string' ? line.trim() === '' : line.toString('utf8').trim() === '') line = garbageLine(rng, i);
      pending.push(Buffer.isBuffer(line) ? line : Buffer.from(line), Buffer.from('\n'));
      sent++;
      if (pending.length > rng.int(2, 200)) {
        raw.write(Buffer.concat(pending));
        pending = [];
        await new Promise((r) => setImmediate(r));
      }
    }
    raw.write(Buffer.concat(pending));
    raw.send({ v: 1, type: 'ping', id: 'still-there' });
    await raw.next((m) => m.type === 'pong' && m.id === 'still-there', 30_000);

    const replies = raw.messages.filter((m) => m.type !== 'pong');
    expect(replies).toHaveLength(sent);
    for (const reply of replies) {
      if (reply.type === 'result') expect(reply.result.ok).toBe(false);
      else expect(reply.type).toBe('error');
      if (reply.type === 'error') expect(reply.error).not.toMatch(/\n|internal error/);
    }
    expect(replies.filter((m) => m.type === 'error' && /exceeds the limit/.test(m.error)).length).toBe(LINES / 1_000);
    expect(raw.closed).toBe(false);

    const final = await withTimeout(sweep.done, 30_000, 'the sweep did not finish');
    expect(final.trials.map((t) => t.state)).toEqual(['completed', 'completed', 'completed', 'completed']);
    expect(final.parallel).toBe(2);
    await waitFor(() => watcher.snapshot().phase === 'finished', 5_000, 'the watcher sees the end');
    expect(before.current).toEqual({ ...final, phase: 'running', stopReason: null, finishedAt: null });
    expect(await watcher.ping()).toBeLessThan(1_000);
  });
});
