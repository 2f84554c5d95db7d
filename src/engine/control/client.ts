/**
 * A sweep run by another process, as a SweepClient: the TUI and the headless reporter drive it
 * exactly as they drive the in-process engine. It subscribes over the control socket, holds a
 * mirror of the snapshot (mirror.ts) updated before listeners hear of an event, and sends
 * commands, whose result arrives after the events they caused.
 *
 * When the connection ends, snapshot() keeps the last state, execute() answers
 * `{ok: false}` and the `onDisconnected` listeners are told why.
 */
import type { SweepClient } from '../client.js';
import type { CommandResult, EngineCommand } from '../commands.js';
import { EngineEmitter } from '../emitter.js';
import { UserError } from '../errors.js';
import type { EngineEventName, EngineEvents, SweepSnapshot, TrialSnapshot } from '../events.js';
import { ControlSocket } from './control-socket.js';
import { SnapshotMirror } from './mirror.js';
import type { ServerMessage } from './protocol.js';

export interface ConnectOptions {
  /** Also receive every line the trials print ('trial:output'), the bulk of the traffic. @default false */
  output?: boolean;
  /** Give up connecting, or waiting for the first snapshot, after this. @default 10 s */
  timeoutMs?: number;
  /**
   * Settle as soon as the first part of a large snapshot is in; the other trials follow as
   * 'trial:updated' events (see RemoteSweep.onSnapshotProgress) once `continueSnapshot()` is
   * called. For a view that can draw the first part while the rest travels. @default false
   */
  progressive?: boolean;
}

export interface SnapshotProgress {
  received: number;
  total: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const COMMAND_TIMEOUT_MS = 120_000;

/** Connects to the controller of `sweepDir` and waits for the first snapshot. */
export async function connectToSweep(sweepDir: string, options: ConnectOptions = {}): Promise<RemoteSweep> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const socket = await ControlSocket.open(sweepDir, timeoutMs);
  const remote = new RemoteSweep(socket);
  socket.deliverSnapshotInParts = options.progressive ?? false;
  const timer = setTimeout(() => socket.close(`no snapshot within ${timeoutMs} ms`), timeoutMs);
  try {
    socket.send({ type: 'subscribe', output: options.output ?? false });
    await remote.subscribed;
    return remote;
  } catch (error) {
    throw new UserError(`${sweepDir}: ${(error as Error).message}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One command for scripts (`sweeptop ctl`, `stop`): no subscription, so no snapshot is sent.
 * Throws a UserError when the controller cannot be reached or does not answer within
 * `timeoutMs` (a kill may wait for the trial's grace period); a refusal is `{ok: false}`.
 */
export async function sendCommand(
  sweepDir: string,
  command: EngineCommand,
  by: string,
  timeoutMs = COMMAND_TIMEOUT_MS,
): Promise<CommandResult> {
  const socket = await ControlSocket.open(sweepDir, DEFAULT_TIMEOUT_MS);
  const timer = setTimeout(() => socket.close(`no answer within ${timeoutMs} ms`), timeoutMs);
  try {
    return resultOf(await socket.request({ type: 'command', command, by }));
  } catch (error) {
    throw new UserError(`${sweepDir}: ${(error as Error).message}`, { cause: error });
  } finally {
    clearTimeout(timer);
    socket.close();
  }
}

/**
 * The controller's snapshot, asked once without subscribing: what it knows that its directory
 * may not hold yet (a full disk). Throws a UserError when it cannot be reached in `timeoutMs`.
 */
export async function requestSnapshot(sweepDir: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<SweepSnapshot> {
  const socket = await ControlSocket.open(sweepDir, timeoutMs);
  const timer = setTimeout(() => socket.close(`no answer within ${timeoutMs} ms`), timeoutMs);
  try {
    const reply = await socket.request({ type: 'snapshot' });
    if (reply.type === 'snapshot') return reply.snapshot;
    throw new Error(reply.type === 'error' ? reply.error : `unexpected reply ${reply.type} to a snapshot request`);
  } catch (error) {
    throw new UserError(`${sweepDir}: ${(error as Error).message}`, { cause: error });
  } finally {
    clearTimeout(timer);
    socket.close();
  }
}

export class RemoteSweep implements SweepClient {
  /** Settles when the first snapshot arrives, or the connection ends before it. */
  readonly subscribed: Promise<void>;
  private readonly emitter = new EngineEmitter();
  private mirror: SnapshotMirror | null = null;
  private readonly disconnectListeners = new Set<(reason: string) => void>();
  private disconnectReason: string | null = null;
  private settleSubscribed!: (error?: Error) => void;
  /** Trials of a snapshot delivered part by part: how many are in, of how many. */
  private progress: SnapshotProgress | null = null;
  private readonly progressListeners = new Set<(progress: SnapshotProgress | null) => void>();

  /** Use connectToSweep(), which subscribes and waits for the first snapshot. */
  constructor(private readonly socket: ControlSocket) {
    this.subscribed = new Promise((resolve, reject) => {
      this.settleSubscribed = (error) => (error ? reject(error) : resolve());
    });
    // handled by connectToSweep; this keeps an unawaited one from becoming an unhandled rejection
    this.subscribed.catch(() => {});
    socket.onMessage = (message) => this.receive(message);
    socket.onClose((reason) => {
      this.disconnectReason = reason;
      this.settleSubscribed(new Error(reason));
      for (const listener of this.disconnectListeners) listener(reason);
    });
  }

  get connected(): boolean {
    return this.disconnectReason === null;
  }

  /** Why the connection ended; null while it lasts. */
  get disconnectedBecause(): string | null {
    return this.disconnectReason;
  }

  snapshot(): SweepSnapshot {
    if (!this.mirror) throw new Error('RemoteSweep.snapshot() before the first snapshot arrived');
    return this.mirror.snapshot();
  }

  on<E extends EngineEventName>(event: E, listener: (payload: EngineEvents[E]) => void): () => void {
    return this.emitter.on(event, listener);
  }

  async execute(command: EngineCommand, by: string): Promise<CommandResult> {
    try {
      return resultOf(await this.socket.request({ type: 'command', command, by }));
    } catch (error) {
      return { ok: false, error: `not connected to the controller: ${(error as Error).message}` };
    }
  }

  /** Round trip to the controller, in ms. */
  async ping(): Promise<number> {
    const start = performance.now();
    await this.socket.request({ type: 'ping' });
    return performance.now() - start;
  }

  /** Called once when the connection ends (immediately if it already has). */
  onDisconnected(listener: (reason: string) => void): () => void {
    if (this.disconnectReason !== null) listener(this.disconnectReason);
    else this.disconnectListeners.add(listener);
    return () => this.disconnectListeners.delete(listener);
  }

  close(): void {
    this.socket.close();
  }

  /**
   * Called when trials of a snapshot delivered in parts (`progressive`) arrive, and with null once
   * all have. Until then snapshot() holds only the trials received so far.
   */
  onSnapshotProgress(listener: (progress: SnapshotProgress | null) => void): () => void {
    this.progressListeners.add(listener);
    if (this.progress) listener(this.progress);
    return () => this.progressListeners.delete(listener);
  }

  /** The rest of a snapshot delivered in parts waits, unread, until this is called. */
  continueSnapshot(): void {
    this.socket.continueReading();
  }

  private receive(message: ServerMessage): void {
    // synchronously, in arrival order: events that follow the first snapshot in the same chunk are kept
    if (!this.mirror) return this.receiveFirst(message);
    switch (message.type) {
      case 'event':
        this.mirror.apply(message.event, message.payload);
        this.emitter.emit(message.event, message.payload as never);
        return;
      case 'snapshot':
        // a fresh subscription: this client fell behind and events were skipped; start over
        this.mirror.reset(message.snapshot);
        this.emitter.emit('sweep:started', { snapshot: this.mirror.snapshot() });
        return;
      case 'trials':
        return this.receivePart(message.trials);
      case 'error':
        this.emitter.emit('sweep:message', { level: 'error', text: `controller: ${message.error}` });
        return;
      default:
        // replies to requests that were given up on
        return;
    }
  }

  private receiveFirst(message: ServerMessage): void {
    if (message.type === 'snapshot') {
      this.mirror = new SnapshotMirror(message.snapshot);
      if ((message.parts ?? 1) > 1) {
        // delivered in parts (the socket assembles it otherwise): the rest waits for continueSnapshot()
        const received = message.snapshot.trials.length;
        this.progress = { received, total: message.trialCount ?? received * message.parts! };
        this.socket.hold();
      }
      this.settleSubscribed();
    } else if (message.type === 'error') {
      this.socket.close(`the controller refused to subscribe: ${message.error}`);
    }
  }

  private receivePart(trials: TrialSnapshot[]): void {
    const mirror = this.mirror!;
    const bestTrialId = mirror.bestTrialId;
    const bestWasKnown = bestTrialId !== null && mirror.has(bestTrialId);
    mirror.add(trials);
    for (const trial of trials) this.emitter.emit('trial:updated', { trial, previousState: null });
    // the header's best could not be shown while its trial was missing
    const best = bestWasKnown || bestTrialId === null ? undefined : trials.find((t) => t.id === bestTrialId);
    if (best?.objective != null) this.emitter.emit('sweep:best', { trialId: best.id, objective: best.objective });
    this.progress = this.socket.partsToCome > 0 ? { received: this.progress!.received + trials.length, total: this.progress!.total } : null;
    for (const listener of this.progressListeners) listener(this.progress);
  }
}

function resultOf(reply: ServerMessage): CommandResult {
  if (reply.type === 'result') return reply.result;
  if (reply.type === 'error') return { ok: false, error: reply.error };
  return { ok: false, error: `unexpected reply ${reply.type} to a command` };
}
