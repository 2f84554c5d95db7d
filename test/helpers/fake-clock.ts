/**
 * Drives a sweep of in-memory trials (in-memory-executor.ts) on vitest's fake timers: virtual
 * time moves only when nothing else can happen, so a rule about minutes (max_duration, the crash
 * loop's 60 s, grace, timeout) is tested in milliseconds. The engine still does real file I/O
 * (trial folders, launch records, sweep.json, the output it tails); the driver lets that I/O
 * finish before it moves time on, so events come in the order a real sweep would see them.
 *
 * Time jumps from one one-shot timer (a trial's next scripted step, a deadline, a coalesced write)
 * to the next: the repeating ones between (output polls, the silence check) fire on the way, at
 * their own virtual times, without the I/O they start being waited for one by one — they only
 * look for what the next one-shot timer will make happen.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import type { SweepSnapshot } from '../../src/engine/events.js';
import type { Sweep } from '../../src/engine/sweep/sweep.js';

/** setImmediate stays real: the driver waits on it for the real I/O between two timers. */
const FAKED = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] as const;

/** When each pending one-shot timer fires (virtual ms), by its handle. */
const oneShots = new Map<unknown, number>();

/** Fake timers in every test of the file (call at its top, after tempDirPerTest). */
export function useFakeClock(): void {
  let fakeSetTimeout: typeof setTimeout;
  let fakeClearTimeout: typeof clearTimeout;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: [...FAKED] });
    fakeSetTimeout = globalThis.setTimeout;
    fakeClearTimeout = globalThis.clearTimeout;
    const tracked = (fire: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      const handle: unknown = fakeSetTimeout(() => {
        oneShots.delete(handle);
        fire(...args);
      }, ms);
      oneShots.set(handle, Date.now() + Math.max(0, ms ?? 0));
      return handle;
    };
    globalThis.setTimeout = tracked as typeof setTimeout;
    globalThis.clearTimeout = ((handle: Parameters<typeof clearTimeout>[0]) => {
      oneShots.delete(handle);
      fakeClearTimeout(handle);
    }) as typeof clearTimeout;
  });
  afterEach(() => {
    globalThis.setTimeout = fakeSetTimeout;
    globalThis.clearTimeout = fakeClearTimeout;
    oneShots.clear();
    vi.useRealTimers();
  });
}

/** Requests in flight: FSReqPromise, FSReqCallback, CloseReq (a FileHandle closing)… — not handles such as a watcher. */
function ioInFlight(): boolean {
  return process.getActiveResourcesInfo().some((name) => name.includes('Req'));
}

/** Returns once no I/O request has been in flight for a few turns of the event loop. */
export async function settle(): Promise<void> {
  let quiet = 0;
  while (quiet < 3) {
    await new Promise((resolve) => setImmediate(resolve));
    quiet = ioInFlight() ? 0 : quiet + 1;
  }
}

/** Repeating timers alone stepped through before concluding that nothing will happen. */
const IDLE_STEPS = 20;

/**
 * Moves virtual time from one one-shot timer to the next until `check` holds; throws when
 * nothing is left to happen or `limitMs` of virtual time passed first.
 */
export async function advanceUntil(check: () => boolean, what: string, limitMs = 24 * 3600_000): Promise<void> {
  const start = Date.now();
  let idle = 0;
  for (;;) {
    await settle();
    if (check()) return;
    if (Date.now() - start > limitMs) throw new Error(`not within ${limitMs} ms of virtual time: ${what}`);
    const next = Math.min(...oneShots.values());
    if (Number.isFinite(next)) {
      idle = 0;
      vi.advanceTimersByTime(Math.max(0, next - Date.now()));
    } else if (vi.getTimerCount() > 0 && idle++ < IDLE_STEPS) {
      vi.advanceTimersToNextTimer();
    } else {
      throw new Error(`never happened (nothing left to wait for): ${what}`);
    }
  }
}

/** Moves virtual time on by exactly `ms`, stopping at every one-shot timer on the way. */
export async function advanceBy(ms: number): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    await settle();
    const next = Math.min(end, ...oneShots.values());
    if (Date.now() >= end) return;
    vi.advanceTimersByTime(Math.max(0, next - Date.now()));
  }
}

/** Starts the sweep and runs it to its end on virtual time. */
export async function runVirtual(sweep: Sweep): Promise<SweepSnapshot> {
  let snapshot: SweepSnapshot | null = null;
  void sweep.done.then((done) => (snapshot = done));
  sweep.start();
  await advanceUntil(() => snapshot !== null, 'the sweep finished');
  return snapshot!;
}
