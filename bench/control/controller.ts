/**
 * The controller side of the control benchmark, run as a child process (so that its CPU time is
 * its own): `controller.ts DIR TRIALS` serves a fake sweep of TRIALS trials on DIR's control
 * socket, and a bare line echo on a Unix socket beside it (the round-trip baseline). The parent
 * talks to it by IPC messages: `{ stream: N }` starts N metric events a second (0 stops them),
 * `{ stop: true }` ends it.
 */
import { createServer } from 'node:net';
import { join } from 'node:path';
import { holdLock } from '../../src/engine/state/controller-lock.js';
import { startControlServer } from '../../src/engine/control/server.js';
import { BenchSweep } from './fake-sweep.js';

async function serve(dir: string, trials: number): Promise<void> {
  const sweep = new BenchSweep(dir, trials);
  // held as a controller does, so that `sweeptop attach DIR` accepts this directory
  holdLock(dir);
  const server = await startControlServer(sweep, dir);
  // the baseline round trip: a bare line echo over a Unix socket, in the same process
  const echoPath = join(dir, 'echo.sock');
  createServer((socket) => socket.pipe(socket)).listen(echoPath);
  let stopStream = () => {};
  process.on('message', (message: { stream?: number; stop?: true }) => {
    if (message.stream !== undefined) {
      stopStream();
      stopStream = message.stream > 0 ? sweep.stream(message.stream) : () => {};
      process.send!({ streaming: message.stream });
    }
    if (message.stop) void server.close().then(() => process.exit(0));
  });
  // the bench process may die first (Ctrl-C, a closed pipe): do not outlive it
  process.on('disconnect', () => process.exit(0));
  process.send!({ ready: true, socket: server.path, echoPath });
}

await serve(process.argv[2], Number(process.argv[3]));
