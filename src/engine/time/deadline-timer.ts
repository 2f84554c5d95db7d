/**
 * A one-shot timer for delays a user writes (`timeout: 30d`, `max_duration`, `grace`): Node's
 * timers hold at most 2^31−1 ms (about 24.8 days) and fire a longer delay after 1 ms, so the
 * delay is cut into pieces Node can hold, each re-armed until the deadline has passed. The
 * deadline is on the monotonic clock Node's timers use, so a wall-clock jump moves nothing.
 */

/** The longest delay a Node timer holds. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

export interface DeadlineTimer {
  cancel(): void;
}

/** Calls `fire` once, `delayMs` from now (never during this call); `unref`: it does not keep Node alive. */
export function fireAfter(delayMs: number, fire: () => void, options: { unref?: boolean } = {}): DeadlineTimer {
  const deadline = performance.now() + Math.max(0, delayMs);
  let timer: NodeJS.Timeout | null = null;
  const arm = (): void => {
    const remaining = Math.max(0, Math.ceil(deadline - performance.now()));
    timer = setTimeout(
      () => {
        if (performance.now() >= deadline) fire();
        else arm();
      },
      Math.min(remaining, MAX_TIMER_DELAY_MS),
    );
    if (options.unref) timer.unref();
  };
  arm();
  return {
    cancel: () => {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
