/**
 * Trial slots on the SSH hosts, GPU ids included, handed out as the local GPU pool does: never
 * one id to two trials at once, lowest ids first, a paused trial keeps its own. A trial goes to
 * the reachable host with the most free slots; when none has one, it waits for a slot in order.
 * An unreachable host's slots are gone; when every host is unreachable, waiting trials fail.
 */
import type { HostSpec } from './options.js';

export interface Slot {
  host: HostSpec;
  /** The host's GPU ids for this trial; null when the host offers no GPUs. */
  gpus: string[] | null;
}

interface HostState {
  spec: HostSpec;
  /** Free slots of a host without GPUs (one with GPUs counts its free GPUs instead). */
  free: number;
  freeGpus: string[];
  reachable: boolean;
}

export class NoHostError extends Error {}

export class HostSlots {
  private readonly hosts: HostState[];
  private readonly waiting: Array<{ grant: (slot: Slot) => void; refuse: (error: Error) => void }> = [];

  constructor(
    hosts: readonly HostSpec[],
    private readonly gpusPerTrial: number,
  ) {
    this.hosts = hosts.map((spec) => ({ spec, free: spec.slots, freeGpus: [...(spec.gpus ?? [])], reachable: true }));
  }

  /** A free slot now, or undefined. */
  take(): Slot | undefined {
    const candidates = this.hosts.filter((h) => h.reachable && this.freeSlots(h) > 0);
    if (candidates.length === 0) return undefined;
    const host = candidates.reduce((best, h) => (this.freeSlots(h) > this.freeSlots(best) ? h : best));
    if (!host.spec.gpus) {
      host.free--;
      return { host: host.spec, gpus: null };
    }
    return { host: host.spec, gpus: host.freeGpus.splice(0, this.gpusPerTrial) };
  }

  /**
   * A slot as soon as one is free, in the order asked; rejects with NoHostError when no host is
   * reachable, and with the abort reason when the trial is stopped while it waits.
   */
  acquire(signal: AbortSignal): Promise<Slot> {
    if (!this.hosts.some((h) => h.reachable)) return Promise.reject(new NoHostError('no SSH host is reachable'));
    const slot = this.take();
    if (slot) return Promise.resolve(slot);
    return new Promise((grant, refuse) => {
      const waiter = { grant, refuse };
      this.waiting.push(waiter);
      signal.addEventListener(
        'abort',
        () => {
          const index = this.waiting.indexOf(waiter);
          if (index >= 0) this.waiting.splice(index, 1);
          refuse(signal.reason);
        },
        { once: true },
      );
    });
  }

  /** A slot held by a trial found running after a restart. */
  claim(hostName: string, gpus: readonly string[] | null): void {
    const host = this.hosts.find((h) => h.spec.name === hostName);
    if (!host) return;
    if (host.spec.gpus) host.freeGpus = host.freeGpus.filter((id) => !gpus?.includes(id));
    else host.free--;
  }

  release(slot: Slot): void {
    const host = this.hosts.find((h) => h.spec === slot.host);
    if (!host || !host.reachable) return;
    if (!host.spec.gpus) host.free++;
    else if (slot.gpus) {
      host.freeGpus.push(...slot.gpus);
      const order = host.spec.gpus ?? [];
      host.freeGpus.sort((a, b) => order.indexOf(a) - order.indexOf(b));
    }
    this.grantWaiting();
  }

  markUnreachable(hostName: string): void {
    const host = this.hosts.find((h) => h.spec.name === hostName);
    if (!host) return;
    host.reachable = false;
    if (this.hosts.some((h) => h.reachable)) return;
    for (const waiter of this.waiting.splice(0)) waiter.refuse(new NoHostError('no SSH host is reachable'));
  }

  isReachable(hostName: string): boolean {
    return this.hosts.find((h) => h.spec.name === hostName)?.reachable ?? false;
  }

  private freeSlots(host: HostState): number {
    return host.spec.gpus ? Math.floor(host.freeGpus.length / this.gpusPerTrial) : host.free;
  }

  private grantWaiting(): void {
    while (this.waiting.length > 0) {
      const slot = this.take();
      if (!slot) return;
      this.waiting.shift()!.grant(slot);
    }
  }
}
