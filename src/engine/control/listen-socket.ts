/**
 * Binds a net.Server to a socket path, replacing the socket a dead controller left behind and
 * refusing to steal one a live controller still answers on.
 *
 * The socket is chmod-ed 0600 right after listen() rather than created under a tightened umask:
 * umask is process-wide, and files the libuv thread pool creates meanwhile (sweep.json, trial
 * logs) would get it too. The window between bind and chmod is closed by the folder, which
 * SocketCandidate.prepare has already made 0700 and ours: no other user can reach the path, and
 * with the usual umask 022 the fresh socket (0755) is not connectable by others anyway.
 */
import { chmodSync, lstatSync, rmSync } from 'node:fs';
import { connect, type Server } from 'node:net';
import { UserError } from '../errors.js';

const PROBE_TIMEOUT_MS = 1_000;

export async function listenOnSocket(server: Server, path: string): Promise<void> {
  await removeStaleSocket(path);
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(path);
  });
  chmodSync(path, 0o600);
}

async function removeStaleSocket(path: string): Promise<void> {
  try {
    if (!lstatSync(path).isSocket()) throw new UserError(`${path} exists and is not a socket; not replacing it`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (await answers(path)) throw new UserError(`another controller is listening on ${path}`);
  rmSync(path, { force: true });
}

/** True when something accepts a connection on the socket. */
function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path);
    const done = (alive: boolean) => {
      socket.destroy();
      resolve(alive);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
