/**
 * The client's end of a control socket: finds the socket through DIR/control.json, refuses one
 * that is not this user's own (ownership.ts) before connecting, then exchanges protocol lines.
 * Replies are matched to requests by id; everything else (snapshots that start a subscription,
 * events, errors without an id) goes to `onMessage`.
 */
import { connect, type Socket } from 'node:net';
import { permissionDenied, UserError } from '../errors.js';
import { LineFramer, type Frame } from './line-framer.js';
import { checkOwnedSocket } from './ownership.js';
import { MAX_REPLY_BYTES, PROTOCOL_VERSION, type ClientMessage, type ServerMessage, type WithoutVersion } from './protocol.js';
import { readControlInfo } from './control-info.js';
import { decodeLine, encodeLine } from './wire-json.js';

type WithoutEnvelope<M> = M extends unknown ? Omit<M, 'v' | 'id'> : never;
export type Request = WithoutEnvelope<Exclude<ClientMessage, { type: 'subscribe' }>>;

/** Long enough to read several chunks at once, short enough that a key waits for no more. */
const READ_SLICE_MS = 15;

interface Pending {
  resolve: (message: ServerMessage) => void;
  reject: (error: Error) => void;
}

export class ControlSocket {
  /** Messages that answer no request. */
  onMessage: (message: ServerMessage) => void = () => {};
  private readonly pending = new Map<number, Pending>();
  private readonly closeListeners = new Set<(reason: string) => void>();
  private readonly framer = new LineFramer(MAX_REPLY_BYTES);
  private nextId = 1;
  private closeReason: string | null = null;
  /** A snapshot whose trials are still arriving, and how many parts are to come. */
  private assembling: { message: Extract<ServerMessage, { type: 'snapshot' }>; remaining: number } | null = null;
  /**
   * Set before subscribing: the subscription's snapshot is delivered part by part as it arrives
   * (its first line, then each 'trials' line) instead of assembled, so its first part can be
   * drawn while the rest travels. Only the first such snapshot; a later one is assembled.
   */
  deliverSnapshotInParts = false;
  private parts = 0;
  /** While held (or draining what was held): data not yet read, in arrival order. */
  private backlog: Array<Buffer | Frame[]> | null = null;
  private holding = false;
  /** A connection that ended while data was held ends once that data is read. */
  private endedBecause: string | null = null;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => (this.backlog ? this.backlog.push(chunk) : this.receive(chunk)));
    socket.on('error', (error: NodeJS.ErrnoException) => this.end(`connection error: ${error.code ?? error.message}`));
    socket.on('close', () => this.end('the controller closed the connection'));
  }

  /** Connects to the controller of `sweepDir`; a UserError says why it cannot. */
  static async open(sweepDir: string, timeoutMs: number): Promise<ControlSocket> {
    const info = readControlInfo(sweepDir);
    checkOwnedSocket(info.socket);
    const socket = connect(info.socket);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error('timed out')), timeoutMs);
      const fail = (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        socket.destroy();
        if (error.code === 'EACCES') return reject(permissionDenied(sweepDir, error));
        const why =
          error.code === 'ECONNREFUSED' || error.code === 'ENOENT'
            ? `its controller (pid ${info.pid}) is not running`
            : (error.code ?? error.message);
        reject(new UserError(`cannot connect to ${sweepDir}: ${why}`, { cause: error }));
      };
      socket.once('error', fail);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.off('error', fail);
        resolve();
      });
    });
    return new ControlSocket(socket);
  }

  /** Parts still to come of a snapshot delivered part by part. */
  get partsToCome(): number {
    return this.parts;
  }

  get closed(): boolean {
    return this.closeReason !== null;
  }

  send(message: WithoutVersion<ClientMessage>): void {
    if (!this.closed) this.socket.write(encodeLine({ v: PROTOCOL_VERSION, ...message }));
  }

  /** Sends a request and resolves with its reply (a result, snapshot, pong or error line). */
  request(message: Request): Promise<ServerMessage> {
    if (this.closeReason !== null) return Promise.reject(new Error(this.closeReason));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.write(encodeLine({ v: PROTOCOL_VERSION, id, ...message }));
    });
  }

  /** Called once, with the reason, when the connection ends for any cause. */
  onClose(listener: (reason: string) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  close(reason = 'closed by this client'): void {
    this.shutDown(reason);
  }

  /**
   * Stops reading what arrives (it waits, unparsed) until continueReading(): a client that has
   * the first part of a big snapshot draws it before parsing the rest.
   */
  hold(): void {
    this.holding = true;
    this.backlog ??= [];
  }

  /**
   * Reads what waited, a slice of READ_SLICE_MS at a time, with a turn of the event loop between
   * slices so that keys and frames go between.
   */
  continueReading(): void {
    if (!this.holding) return;
    this.holding = false;
    const next = () => {
      const sliceEnd = performance.now() + READ_SLICE_MS;
      do {
        if (this.holding || this.closed) return;
        const item = this.backlog!.shift();
        if (item === undefined) {
          this.backlog = null;
          if (this.endedBecause !== null) this.shutDown(this.endedBecause);
          return;
        }
        if (Buffer.isBuffer(item)) this.receive(item);
        else this.handleFrames(item);
      } while (performance.now() < sliceEnd);
      setImmediate(next);
    };
    setImmediate(next);
  }

  private end(reason: string): void {
    if (this.backlog) this.endedBecause ??= reason;
    else this.shutDown(reason);
  }

  private receive(chunk: Buffer): void {
    this.handleFrames(this.framer.push(chunk));
  }

  private handleFrames(frames: Frame[]): void {
    for (let i = 0; i < frames.length; i++) {
      // held by a listener of the frame before: the rest of this chunk waits with what follows
      if (this.holding) {
        this.backlog!.unshift(frames.slice(i));
        return;
      }
      const frame = frames[i];
      if (this.closed) return;
      if (frame.kind === 'tooLong') return this.shutDown(`the controller sent a line of ${frame.bytes} bytes`);
      let message: ServerMessage;
      try {
        message = decodeLine(frame.text) as ServerMessage;
      } catch (error) {
        return this.shutDown(`the controller sent a line that is not JSON (${(error as Error).message})`);
      }
      if (message?.v !== PROTOCOL_VERSION)
        return this.shutDown(
          `the controller speaks protocol version ${String(message?.v)}; this sweeptop speaks version ${PROTOCOL_VERSION}`,
        );
      if (message.type === 'closing') return this.shutDown(message.reason);
      const complete = this.assemble(message);
      if (typeof complete === 'string') return this.shutDown(complete);
      if (complete) this.deliver(complete);
    }
  }

  /** A message ready to deliver, null while a snapshot's parts are still coming, or what went wrong. */
  private assemble(message: ServerMessage): ServerMessage | null | string {
    if (this.parts > 0) {
      if (message.type !== 'trials') return `the controller broke off a snapshot with a ${message.type} message`;
      this.parts--;
      return message;
    }
    const pending = this.assembling;
    if (pending) {
      if (message.type !== 'trials') return `the controller broke off a snapshot with a ${message.type} message`;
      for (const trial of message.trials) pending.message.snapshot.trials.push(trial);
      if (--pending.remaining > 0) return null;
      this.assembling = null;
      // whole now: a receiver must not wait for parts that were folded in
      pending.message.parts = 1;
      return pending.message;
    }
    if (message.type === 'trials') return 'the controller sent trials outside a snapshot';
    if (message.type !== 'snapshot' || !Number.isSafeInteger(message.parts) || message.parts! <= 1) return message;
    if (this.deliverSnapshotInParts && message.id === undefined) {
      this.deliverSnapshotInParts = false;
      this.parts = message.parts! - 1;
      return message;
    }
    this.assembling = { message, remaining: message.parts! - 1 };
    return null;
  }

  private deliver(message: ServerMessage): void {
    const id = 'id' in message ? message.id : undefined;
    const waiting = typeof id === 'number' ? this.pending.get(id) : undefined;
    if (waiting) {
      this.pending.delete(id as number);
      waiting.resolve(message);
    } else {
      this.onMessage(message);
    }
  }

  private shutDown(reason: string): void {
    if (this.closeReason !== null) return;
    this.closeReason = reason;
    this.socket.destroy();
    for (const { reject } of this.pending.values()) reject(new Error(reason));
    this.pending.clear();
    for (const listener of this.closeListeners) listener(reason);
  }
}
