/**
 * A timer set from a sweep file (`timeout: 30d`, `max_duration: 30d`) may be longer than Node's
 * timers hold (2^31−1 ms, about 24.8 days; a longer delay fires after 1 ms): it must still fire at
 * its deadline, and not before. vitest's fake timers overflow the same way Node's do.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireAfter } from '../../../src/engine/time/deadline-timer.js';

const DAY_MS = 86_400_000;
const NODE_TIMER_MAX_MS = 2 ** 31 - 1;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('fireAfter', () => {
  it('a 30-day delay, beyond what a Node timer holds, does not fire early and fires at its deadline', () => {
    const fire = vi.fn();
    fireAfter(30 * DAY_MS, fire);
    vi.advanceTimersByTime(1);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(NODE_TIMER_MAX_MS);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(30 * DAY_MS - NODE_TIMER_MAX_MS - 2);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fire).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60 * DAY_MS);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('a short delay fires once, at its deadline', () => {
    const fire = vi.fn();
    fireAfter(500, fire);
    vi.advanceTimersByTime(499);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('a zero delay fires on a later turn, not during the call', () => {
    const fire = vi.fn();
    fireAfter(0, fire);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('cancelled, it never fires, even after a re-arm', () => {
    const fire = vi.fn();
    const timer = fireAfter(40 * DAY_MS, fire);
    vi.advanceTimersByTime(NODE_TIMER_MAX_MS + 10);
    timer.cancel();
    vi.advanceTimersByTime(80 * DAY_MS);
    expect(fire).not.toHaveBeenCalled();
  });
});
