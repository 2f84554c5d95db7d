/**
 * What the controller sends one client, in order. A snapshot of a large sweep is several MiB:
 * it goes out in parts of TRIALS_PER_PART trials, with a turn of the event loop between parts,
 * so that the controller keeps tailing trials meanwhile and the client parses one part while the
 * next is encoded. The first part is smaller (FIRST_PART_TRIALS): a TUI draws it before reading
 * the rest, and it comes sooner. Lines sent while a snapshot is going out wait behind it, so the
 * client sees every event after the snapshot it applies to, never inside it.
 *
 *   {"v":1,"type":"snapshot","snapshot":{…, "trials":[first part]},"parts":4,"trialCount":1200}
 *   {"v":1,"type":"trials","trials":[…]}
 *   {"v":1,"type":"trials","trials":[…]}
 */
import type { Socket } from 'node:net';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { SweepSnapshot } from '../events.js';
import { PROTOCOL_VERSION, type RequestId } from './protocol.js';
import { encodeLine } from './wire-json.js';

export const TRIALS_PER_PART = 500;
/** More rows than a screen shows, and quick to encode and parse. */
export const FIRST_PART_TRIALS = 100;

interface SnapshotJob {
  snapshot: SweepSnapshot;
  id: RequestId | undefined;
}

export class OutgoingLines {
  /** Size of the last snapshot sent: a client may hold that much unread without falling behind. */
  snapshotBytes = 0;
  private readonly queue: Array<string | SnapshotJob> = [];
  private queuedBytes = 0;
  private busy = false;
  private ending = false;

  constructor(private readonly socket: Socket) {}

  /** Bytes not yet handed to the kernel. */
  get pendingBytes(): number {
    return this.socket.writableLength + this.queuedBytes;
  }

  line(text: string): void {
    if (this.socket.destroyed || this.ending) return;
    if (!this.busy) {
      this.socket.write(text);
      return;
    }
    this.queue.push(text);
    this.queuedBytes += text.length;
  }

  /** `snapshot` must be taken now: the lines queued after it are what happened since. */
  snapshot(snapshot: SweepSnapshot, id?: RequestId): void {
    if (this.socket.destroyed || this.ending) return;
    this.queue.push({ snapshot, id });
    if (!this.busy) void this.flush();
  }

  /**
   * Sends what is queued, then ends the stream: a controller that closes right after
   * 'sweep:finished' still delivers it. A client that has not taken it all within `timeoutMs` is cut off.
   */
  end(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.destroyed) return resolve();
      const timer = setTimeout(() => this.socket.destroy(), timeoutMs);
      this.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.ending = true;
      if (!this.busy) this.socket.end();
    });
  }

  private async flush(): Promise<void> {
    this.busy = true;
    try {
      while (this.queue.length > 0 && !this.socket.destroyed) {
        const item = this.queue.shift()!;
        if (typeof item !== 'string') {
          await this.writeSnapshot(item);
          continue;
        }
        this.queuedBytes -= item.length;
        this.socket.write(item);
      }
    } catch {
      // the socket went away mid-write: nothing left to send to
      this.socket.destroy();
    } finally {
      this.queue.length = 0;
      this.queuedBytes = 0;
      this.busy = false;
      if (this.ending) this.socket.end();
    }
  }

  private async writeSnapshot({ snapshot, id }: SnapshotJob): Promise<void> {
    const { trials } = snapshot;
    const first = Math.min(trials.length, FIRST_PART_TRIALS);
    const parts = 1 + Math.ceil((trials.length - first) / TRIALS_PER_PART);
    this.snapshotBytes = 0;
    for (let part = 0; part < parts && !this.socket.destroyed; part++) {
      if (part > 0) await nextTurn();
      const from = part === 0 ? 0 : first + (part - 1) * TRIALS_PER_PART;
      const slice = trials.slice(from, part === 0 ? first : from + TRIALS_PER_PART);
      const line =
        part === 0
          ? encodeLine({
              v: PROTOCOL_VERSION,
              type: 'snapshot',
              ...(id !== undefined && { id }),
              snapshot: { ...snapshot, trials: slice },
              parts,
              trialCount: trials.length,
            })
          : encodeLine({ v: PROTOCOL_VERSION, type: 'trials', trials: slice });
      this.snapshotBytes += line.length;
      this.socket.write(line);
    }
  }
}
