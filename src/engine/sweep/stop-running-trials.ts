/**
 * The sweep stops every trial it still runs (and every run of one): each is marked stopped by the
 * sweep, so `resume` runs it again, unless a person was already killing it (then it stays theirs,
 * and `resume` must not run it again).
 */
import { liveProcesses } from './run-entry.js';
import type { TrialEntry } from './trial-entry.js';

/** SIGTERM, SIGKILL after the grace period; or SIGKILL now when `force`. */
export function stopRunningTrials(entries: Iterable<TrialEntry>, reason: string, force: boolean): void {
  for (const entry of entries) {
    const processes = liveProcesses(entry);
    if (processes.length === 0) continue;
    entry.stoppedBy ??= 'sweep';
    entry.reason ??= `the sweep was ${reason}`;
    for (const run of entry.runs ?? []) if (run.run) run.stoppedBy ??= entry.stoppedBy;
    for (const process of processes) void process.stop('stopped', force);
  }
}
