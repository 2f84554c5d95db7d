/**
 * One client of the control socket, on the controller's side. Whatever the client sends or
 * fails to read, the controller keeps running: every line gets a reply or an error line, nothing
 * throws out of a handler, and writes never wait for the client.
 *
 * Backpressure: events are written without waiting. When more than `maxBacklogBytes` (beyond the
 * last snapshot) sit unsent, the client has fallen behind: it gets no more events until its
 * socket drains, then a fresh snapshot. A client that does not drain within `lagTimeoutMs`, falls
 * behind twice within RESYNC_WINDOW_MS, or leaves its replies unread, is dropped.
 */
import type { Socket } from 'node:net';
import type { SweepClient } from '../client.js';
import { describeError } from '../errors.js';
import { LineFramer, type Frame } from './line-framer.js';
import { OutgoingLines } from './outgoing.js';
import { PROTOCOL_VERSION, type ClientMessage, type RequestId, type ServerMessage, type WithoutVersion } from './protocol.js';
import { parseClientMessage } from './validate.js';
import { encodeLine } from './wire-json.js';

export interface ConnectionLimits {
  /** A connection that sends no valid request within this is closed. */
  handshakeTimeoutMs: number;
  maxRequestBytes: number;
  maxBacklogBytes: number;
  lagTimeoutMs: number;
  maxInFlight: number;
}

export interface ConnectionHooks {
  fellBehind(): void;
  resynced(): void;
  dropped(reason: string): void;
}

const RESYNC_WINDOW_MS = 60_000;

/** How long a connection being closed with a reason may take to read it. */
const CLOSING_GRACE_MS = 2_000;

/**
 * Sends `reason` as the connection's last line, then ends it. The socket stays readable until the
 * client ends too (or the grace runs out): a request it wrote meanwhile then meets no EPIPE and
 * the client reads why instead.
 */
export function closeSaying(socket: Socket, reason: string): void {
  socket.on('error', () => {});
  socket.resume();
  socket.end(encodeLine({ v: PROTOCOL_VERSION, type: 'closing', reason }));
  setTimeout(() => socket.destroy(), CLOSING_GRACE_MS).unref();
}

type Reply = WithoutVersion<ServerMessage>;

export class ServerConnection {
  /** Gets events (after its first snapshot). */
  subscribed = false;
  /** Also gets 'trial:output', the bulk of the traffic. */
  wantsOutput = false;
  private readonly framer: LineFramer;
  private lagging = false;
  private lagTimer: NodeJS.Timeout | null = null;
  private lastResyncAt = -Infinity;
  private inFlight = 0;
  private readonly out: OutgoingLines;
  private handshakeTimer: NodeJS.Timeout | null;

  constructor(
    private readonly socket: Socket,
    private readonly client: SweepClient,
    private readonly limits: ConnectionLimits,
    private readonly hooks: ConnectionHooks,
  ) {
    this.framer = new LineFramer(limits.maxRequestBytes);
    this.out = new OutgoingLines(socket);
    this.handshakeTimer = setTimeout(
      () => this.closeSaying(`closed: no request within ${limits.handshakeTimeoutMs} ms`),
      limits.handshakeTimeoutMs,
    );
    socket.on('data', (chunk: Buffer) => {
      for (const frame of this.framer.push(chunk)) this.handle(frame);
    });
    // a client going away mid-write is normal; 'close' follows
    socket.on('error', () => {});
    socket.on('close', () => {
      this.clearLag();
      this.clearHandshake();
    });
  }

  get closed(): boolean {
    return this.socket.destroyed;
  }

  /** Neither subscribed nor waiting for a command: closing it to make room costs its client nothing it waits for. */
  get idle(): boolean {
    return !this.subscribed && this.inFlight === 0;
  }

  /** Ends the connection with `reason` as its last line (see closeSaying). */
  closeSaying(reason: string): void {
    this.clearLag();
    this.clearHandshake();
    if (!this.closed) closeSaying(this.socket, reason);
  }

  /** An engine event, encoded once for every client. Never waits. */
  sendEvent(line: string): void {
    if (!this.subscribed || this.lagging || this.closed) return;
    if (this.backlog() > this.limits.maxBacklogBytes) return this.fallBehind();
    this.out.line(line);
  }

  /** Cuts the connection now. */
  close(): void {
    this.clearLag();
    this.clearHandshake();
    this.socket.destroy();
  }

  /** Sends what is already queued, then ends the connection (see OutgoingLines.end). */
  end(timeoutMs: number): Promise<void> {
    this.clearLag();
    this.clearHandshake();
    return this.out.end(timeoutMs);
  }

  private handle(frame: Frame): void {
    try {
      if (frame.kind === 'tooLong') {
        return this.reply({
          type: 'error',
          error: `request of ${frame.bytes} bytes exceeds the limit of ${this.limits.maxRequestBytes}; skipped`,
        });
      }
      if (frame.text.trim() === '') return;
      const parsed = parseClientMessage(frame.text);
      if (!parsed.ok) return this.reply({ type: 'error', error: parsed.error, ...(parsed.id !== undefined && { id: parsed.id }) });
      this.clearHandshake();
      this.dispatch(parsed.message);
    } catch (error) {
      this.reply({ type: 'error', error: `internal error: ${describeError(error)}` });
    }
  }

  private dispatch(message: ClientMessage): void {
    switch (message.type) {
      case 'subscribe':
        this.subscribed = true;
        this.wantsOutput = message.output;
        this.clearLag();
        return this.sendSnapshot();
      case 'snapshot':
        return this.sendSnapshot(message.id);
      case 'ping':
        return this.reply({ type: 'pong', id: message.id });
      case 'command':
        return this.execute(message.id, message);
    }
  }

  private execute(id: RequestId, message: Extract<ClientMessage, { type: 'command' }>): void {
    if (this.inFlight >= this.limits.maxInFlight) {
      return this.reply({ type: 'error', id, error: `busy: ${this.inFlight} commands of this client are still running` });
    }
    this.inFlight++;
    Promise.resolve()
      .then(() => this.client.execute(message.command, message.by))
      .then(
        (result) => this.reply({ type: 'result', id, result }),
        (error: unknown) => this.reply({ type: 'result', id, result: { ok: false, error: describeError(error) } }),
      )
      .finally(() => this.inFlight--)
      .catch(() => {
        // reply() does not throw; this only keeps a surprise from becoming an unhandled rejection
      });
  }

  private sendSnapshot(id?: RequestId): void {
    if (this.closed) return;
    if (this.backlog() > this.limits.maxBacklogBytes) return this.drop('it does not read its replies');
    this.out.snapshot(this.client.snapshot(), id);
  }

  /** Replies cannot be skipped as events can: a client that leaves them unread is dropped. */
  private reply(message: Reply): void {
    if (this.closed) return;
    if (this.backlog() > this.limits.maxBacklogBytes) return this.drop('it does not read its replies');
    this.out.line(encodeLine({ v: PROTOCOL_VERSION, ...message }));
  }

  /** Bytes waiting to be sent, not counting the last snapshot (a large sweep's is several MiB). */
  private backlog(): number {
    return this.out.pendingBytes - this.out.snapshotBytes;
  }

  private fallBehind(): void {
    if (Date.now() - this.lastResyncAt < RESYNC_WINDOW_MS) return this.drop('it fell behind twice within a minute');
    this.lagging = true;
    this.hooks.fellBehind();
    this.lagTimer = setTimeout(() => this.drop(`it read nothing for ${this.limits.lagTimeoutMs} ms`), this.limits.lagTimeoutMs);
    this.socket.once('drain', () => this.catchUp());
  }

  private catchUp(): void {
    if (!this.lagging || this.closed) return;
    this.clearLag();
    this.lastResyncAt = Date.now();
    this.sendSnapshot();
    this.hooks.resynced();
  }

  private clearLag(): void {
    this.lagging = false;
    if (this.lagTimer) clearTimeout(this.lagTimer);
    this.lagTimer = null;
  }

  private clearHandshake(): void {
    if (this.handshakeTimer) clearTimeout(this.handshakeTimer);
    this.handshakeTimer = null;
  }

  private drop(reason: string): void {
    if (this.closed) return;
    this.close();
    this.hooks.dropped(reason);
  }
}
