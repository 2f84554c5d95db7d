/**
 * Idle or half-open clients must not starve real ones: past the connection limit the oldest idle
 * unsubscribed connection is closed to make room, a connection that sends nothing is closed after
 * the handshake timeout, and a client refused because every place is taken is told why.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendCommand } from '../../../src/engine/control/client.js';
import { holdLock, type HeldLock } from '../../../src/engine/state/controller-lock.js';
import { runCli } from '../../helpers/cli.js';
import { TempDir, waitFor } from '../../helpers/sweep.js';
import { FakeClient } from '../../ui/fake-client.js';
import { RawClient } from './raw-client.js';
import { attach, closeAll, serve } from './serve.js';

let temp: TempDir;
const raws: RawClient[] = [];
let lock: HeldLock;
beforeEach(() => {
  temp = new TempDir();
  // what the CLI takes for a sweep directory run by a live controller: this process
  mkdirSync(join(temp.path, 'trials'));
  lock = holdLock(temp.path);
});
afterEach(async () => {
  for (const raw of raws.splice(0)) raw.close();
  await closeAll();
  lock.release();
  temp.remove();
});

async function openIdle(path: string, count: number): Promise<RawClient[]> {
  const opened: RawClient[] = [];
  for (let i = 0; i < count; i++) opened.push(await RawClient.connect(path));
  raws.push(...opened);
  return opened;
}

describe('the connection limit', () => {
  it('200 idle connections lock out neither ctl nor attach: the oldest idle ones make room', async () => {
    const fake = new FakeClient();
    const server = await serve(fake, temp.path);
    const idle = await openIdle(server.path, 200);
    expect(await sendCommand(temp.path, { type: 'kill', trialId: 0 }, 'ctl')).toEqual({ ok: true });
    expect((await attach(temp.path)).snapshot().name).toBe('demo-sweep');
    const cli = await runCli(['ctl', temp.path, 'kill', '0']);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(server.clientCount).toBeLessThanOrEqual(128);
    // the first ones in were closed first, each told why
    await waitFor(() => idle[0].closed, 5_000, 'the oldest idle connection to be closed');
    expect(idle[0].messages).toEqual([
      expect.objectContaining({ type: 'closing', reason: expect.stringMatching(/idle.*limit of 128 connections/) }),
    ]);
    expect(idle[199].closed).toBe(false);
  });

  it('closes a connection that sends no request within the handshake timeout, saying why', async () => {
    const server = await serve(new FakeClient(), temp.path, { handshakeTimeoutMs: 300 });
    const [silent, talking] = await openIdle(server.path, 2);
    talking.send({ v: 1, type: 'ping', id: 1 });
    await waitFor(() => silent.closed, 5_000, 'the silent connection to be closed');
    expect(silent.messages).toEqual([
      expect.objectContaining({ type: 'closing', reason: expect.stringMatching(/no request within 300 ms/) }),
    ]);
    await new Promise((r) => setTimeout(r, 500));
    expect(talking.closed).toBe(false);
  });

  it('a client refused because every place is taken by viewers gets a one-line reason, and the CLI prints it', async () => {
    const server = await serve(new FakeClient(), temp.path, { maxConnections: 2 });
    await attach(temp.path);
    await attach(temp.path);
    expect(server.clientCount).toBe(2);
    await expect(sendCommand(temp.path, { type: 'kill', trialId: 0 }, 'ctl')).rejects.toThrow(
      /refused: the controller already serves 2 connections/,
    );
    const cli = await runCli(['ctl', temp.path, 'kill', '0']);
    expect(cli.stderr).toMatch(/^sweeptop: .*refused: the controller already serves 2 connections, its limit; .*\n$/);
    expect(cli.stderr).not.toMatch(/EPIPE|ECONNRESET/);
    expect(cli.code).not.toBe(0);
  });
});
