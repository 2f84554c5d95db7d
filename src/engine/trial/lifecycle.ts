/**
 * The trial lifecycle as a table: which event moves a trial from which states to which. Every
 * change of a trial's state in the engine is one of these events (applied by the sweep's
 * TrialLifecycle, which updates the entry, the sampler's view and the pruning study together),
 * so a state no event leads to cannot arise, and a bug that tries one fails loudly.
 *
 *   queued ──launch──▶ running ⇄ pending (an executor that queues it: Slurm)
 *                      running ⇄ paused
 *   pending | running | paused ──end──▶ completed | failed | pruned | killed | timed_out | lost
 *   queued ──dequeue──▶ killed (removed by hand, or the sweep ended before it ran)
 *   failed | lost | pruned | killed ──requeue──▶ queued (a retry, a lost trial's one re-run, a promote)
 */
import type { TrialState } from '../../plugin-api/trial-state.js';

export type FinishedState = 'completed' | 'failed' | 'pruned' | 'killed' | 'timed_out' | 'lost';

export type TrialEvent =
  | { type: 'launch' }
  | { type: 'executorQueued' }
  | { type: 'executorStarted' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'end'; state: FinishedState }
  | { type: 'dequeue' }
  | { type: 'requeue' };

interface Transition {
  from: readonly TrialState[];
  to: (event: TrialEvent) => TrialState;
}

const ACTIVE: readonly TrialState[] = ['pending', 'running', 'paused'];

export const TRANSITIONS: Readonly<Record<TrialEvent['type'], Transition>> = {
  launch: { from: ['queued'], to: () => 'running' },
  executorQueued: { from: ['running'], to: () => 'pending' },
  executorStarted: { from: ['pending'], to: () => 'running' },
  pause: { from: ['running'], to: () => 'paused' },
  resume: { from: ['paused'], to: () => 'running' },
  end: { from: ACTIVE, to: (event) => (event as Extract<TrialEvent, { type: 'end' }>).state },
  dequeue: { from: ['queued'], to: () => 'killed' },
  requeue: { from: ['failed', 'lost', 'pruned', 'killed'], to: () => 'queued' },
};

/** The state `event` leads to from `state`, or undefined when the table has no such move. */
export function nextState(state: TrialState, event: TrialEvent): TrialState | undefined {
  const transition = TRANSITIONS[event.type];
  return transition.from.includes(state) ? transition.to(event) : undefined;
}

/** A move the table forbids: always a bug in sweeptop, never the user's doing. */
export class IllegalTransition extends Error {
  constructor(trialId: number, state: TrialState, event: TrialEvent) {
    super(`trial ${trialId}: no transition from ${state} on ${event.type}${event.type === 'end' ? ` (${event.state})` : ''}`);
    this.name = 'IllegalTransition';
  }
}
