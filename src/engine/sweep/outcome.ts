/** How a trial's end maps onto the closed set of states, with a reason a person can read. */
import { formatDuration } from '../../plugin-api/duration.js';
import type { FinishedState } from '../trial/lifecycle.js';
import type { RunOutcome } from '../trial/trial-run.js';

export interface FinalState {
  state: FinishedState;
  reason: string | null;
}

export interface OutcomeContext {
  metricName: string;
  objective: number | null;
  timeoutMs: number | null;
  /** Why sweeptop stopped it, as recorded when it asked (prune reason, who killed it). */
  stopReason: string | null;
}

export function finalState(outcome: RunOutcome, context: OutcomeContext): FinalState {
  switch (outcome.intent) {
    case 'pruned':
      return { state: 'pruned', reason: context.stopReason };
    case 'timed_out':
      return { state: 'timed_out', reason: `exceeded the timeout of ${formatDuration(context.timeoutMs ?? 0)}` };
    case 'stalled':
      // the trial's fault, as a crash is: `retries` runs it again
      return { state: 'failed', reason: context.stopReason };
    case 'killed':
    case 'stopped':
      return { state: 'killed', reason: context.stopReason };
  }
  if (outcome.reason) {
    // the executor ended it (sbatch refused it, its host became unreachable) and said why
    return { state: outcome.exitCode === null && outcome.signal === null ? 'lost' : 'failed', reason: outcome.reason };
  }
  if (outcome.exitCode === 0) {
    return { state: 'completed', reason: context.objective === null ? unreported(context.metricName) : null };
  }
  if (outcome.exitCode === null && outcome.signal === null) {
    return { state: 'lost', reason: 'its process vanished without an exit status' };
  }
  if (outcome.signal) return { state: 'failed', reason: `killed by ${outcome.signal}` };
  return { state: 'failed', reason: `exit code ${outcome.exitCode}` };
}

/** The reason of a trial that completed without reporting its objective (`rescore` reads it too). */
export function unreported(metricName: string): string {
  return `no ${metricName} reported`;
}

/** A failed trial runs again while `retries` allows; a lost one once anyway (its loss is rarely its fault). */
export function runsAgain(state: FinishedState, lostCount: number, attempt: number, retries: number): boolean {
  if (state === 'lost' && lostCount === 1) return true;
  return (state === 'failed' || state === 'lost') && attempt < retries;
}

/** A trial that failed while the disk was full: recorded so, and held against no stop rule. */
export const DISK_FULL_REASON = 'disk full';

export function failedOfFullDisk(state: FinishedState | string, reason: string | null): boolean {
  return state === 'failed' && reason !== null && reason.startsWith(DISK_FULL_REASON);
}
