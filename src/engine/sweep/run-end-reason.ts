/**
 * How a trial's reason names the run whose end decided it: `fold 2 failed: exit code 1`,
 * `fold 2 pruned at step 3: …`. The live sweep and replay name a run's end the same way.
 */
import type { FinishedState } from '../trial/lifecycle.js';

const ENDED: Record<FinishedState, string> = {
  completed: 'completed',
  failed: 'failed',
  pruned: 'pruned',
  killed: 'was killed',
  timed_out: 'timed out',
  lost: 'was lost',
};

/** A pruner's reason already says `pruned …`. */
export function runEndReason(key: string, state: FinishedState, reason: string | null): string {
  if (state === 'pruned' && reason?.startsWith('pruned')) return `${key} ${reason}`;
  return `${key} ${ENDED[state]}${reason ? `: ${reason}` : ''}`;
}
