/**
 * The controller's side of the control socket: serves any SweepClient (the in-process Sweep) to
 * every process of the same user that connects. Steps: make the sweep directory private, listen
 * on the first place that holds a socket (socket-path.ts), record it in control.json, and forward
 * each engine event, encoded once, to every subscriber.
 */
import { rmSync, utimes } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { resolve } from 'node:path';
import type { SweepClient } from '../client.js';
import { ENGINE_EVENT_NAMES } from '../events.js';
import { admit } from './admission.js';
import { listenOnSocket } from './listen-socket.js';
import { makeSweepDirPrivate } from './ownership.js';
import { MAX_REQUEST_BYTES, PROTOCOL_VERSION } from './protocol.js';
import { ServerConnection, type ConnectionLimits } from './server-connection.js';
import { removeControlInfo, writeControlInfo } from './control-info.js';
import { listenWithFallback, socketCandidates } from './socket-path.js';
import { encodeLine } from './wire-json.js';

export interface ControlServerOptions {
  /** Where XDG_RUNTIME_DIR is read from, for the last fallback socket folder. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Where the fallback socket folder `sweeptop-$UID` is made. @default '/tmp' */
  tmpDir?: string;
  /** A longer request line gets an error and is skipped. @default 1 MiB */
  maxRequestBytes?: number;
  /** Unsent bytes (beyond the last snapshot) after which a subscriber has fallen behind. @default 8 MiB */
  maxBacklogBytes?: number;
  /** A subscriber that fell behind and does not catch up within this is dropped. @default 10 s */
  lagTimeoutMs?: number;
  /** Commands of one client running at once; more get a `busy` error. @default 64 */
  maxInFlight?: number;
  /**
   * Open connections. A newcomer past the limit takes the place of the oldest idle unsubscribed
   * connection; with none, it is refused with a one-line reason (admission.ts). @default 128
   */
  maxConnections?: number;
  /** A connection that sends no valid request within this is closed, saying why. @default 10 s */
  handshakeTimeoutMs?: number;
}

export interface ControlServer {
  /** The socket's absolute path (also in DIR/control.json). */
  readonly path: string;
  readonly clientCount: number;
  /** Since the start: subscribers that fell behind, were sent a fresh snapshot after, or were dropped. */
  readonly stats: { fellBehind: number; resynced: number; dropped: number };
  close(): Promise<void>;
}

const TOUCH_INTERVAL_MS = 3_600_000;

/** How long close() lets clients take what was sent to them (the last being 'sweep:finished'). */
const CLOSE_GRACE_MS = 2_000;

export async function startControlServer(
  client: SweepClient,
  sweepDir: string,
  options: ControlServerOptions = {},
): Promise<ControlServer> {
  const dir = resolve(sweepDir);
  const maxConnections = options.maxConnections ?? 128;
  const limits: ConnectionLimits = {
    handshakeTimeoutMs: options.handshakeTimeoutMs ?? 10_000,
    maxRequestBytes: options.maxRequestBytes ?? MAX_REQUEST_BYTES,
    maxBacklogBytes: options.maxBacklogBytes ?? 8 << 20,
    lagTimeoutMs: options.lagTimeoutMs ?? 10_000,
    maxInFlight: options.maxInFlight ?? 64,
  };
  const connections = new Set<ServerConnection>();
  const stats = { fellBehind: 0, resynced: 0, dropped: 0 };
  const accept = (socket: Socket) => {
    if (!admit(socket, connections, maxConnections)) return;
    const connection: ServerConnection = new ServerConnection(socket, client, limits, {
      fellBehind: () => stats.fellBehind++,
      resynced: () => stats.resynced++,
      dropped: () => {
        stats.dropped++;
        connections.delete(connection);
      },
    });
    connections.add(connection);
    socket.on('close', () => connections.delete(connection));
  };

  makeSweepDirPrivate(dir);
  const {
    path,
    listening: server,
    release,
  } = await listenWithFallback(socketCandidates(dir, options.env, options.tmpDir), async (candidate) => {
    const server = createServer(accept);
    await listenOnSocket(server, candidate);
    return server;
  });
  try {
    writeControlInfo(dir, path);
  } catch (error) {
    await closeServer(server);
    release();
    throw error;
  }
  const unsubscribe = forwardEvents(client, connections);
  // /tmp cleaners (systemd-tmpfiles) remove entries by age: keep a weeks-long sweep's socket young
  const keepYoung = setInterval(() => utimes(path, new Date(), new Date(), () => {}), TOUCH_INTERVAL_MS).unref();

  return {
    path,
    get clientCount() {
      return connections.size;
    },
    stats,
    async close() {
      clearInterval(keepYoung);
      for (const off of unsubscribe) off();
      const closed = closeServer(server);
      await Promise.all([...connections].map((connection) => connection.end(CLOSE_GRACE_MS)));
      await closed;
      rmSync(path, { force: true });
      release();
      removeControlInfo(dir, path);
    },
  };
}

function forwardEvents(client: SweepClient, connections: Set<ServerConnection>): Array<() => void> {
  return ENGINE_EVENT_NAMES.map((event) =>
    client.on(event, (payload) => {
      let line: string | undefined;
      for (const connection of connections) {
        if (!connection.subscribed || (event === 'trial:output' && !connection.wantsOutput)) continue;
        line ??= encodeLine({ v: PROTOCOL_VERSION, type: 'event', event, payload });
        connection.sendEvent(line);
      }
    }),
  );
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
