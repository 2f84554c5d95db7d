/**
 * A failed hook in one line, the same wherever it is shown: the message logged when it fails, the
 * TUI's status line and `sweeptop status`.
 */
import { formatDuration } from '../../plugin-api/duration.js';
import type { HookFailure } from '../events.js';

/** Lines of stderr a failure keeps, and shows. */
export const HOOK_STDERR_LINES = 5;

/** `hook on_new_best failed: exit code 1; stderr: curl: (6) Could not resolve host`. */
export function describeHookFailure(failure: HookFailure, timeoutMs?: number): string {
  const how = failure.error
    ? `could not start: ${failure.error}`
    : failure.timedOut
      ? `timed out${timeoutMs === undefined ? '' : ` after ${formatDuration(timeoutMs)}`}; its process group was killed`
      : failure.signal
        ? `ended by ${failure.signal}`
        : `exit code ${failure.exitCode}`;
  const stderr = failure.stderrTail.length ? `; stderr: ${failure.stderrTail.join(' ⏎ ')}` : '; no stderr';
  return `hook ${failure.event} failed: ${how}${stderr}`;
}
