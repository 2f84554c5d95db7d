/**
 * The closed set of trial states, used everywhere: status, export, events, the TUI.
 *
 * queued (waiting in sweeptop) → pending (handed to an executor that queues it, e.g. Slurm)
 * → running ⇄ paused → completed | failed | pruned | killed | timed_out | lost.
 * `promoted` is a flag on the trial, not a state.
 */
export const TRIAL_STATES = [
  'queued',
  'pending',
  'running',
  'paused',
  'completed',
  'failed',
  'pruned',
  'killed',
  'timed_out',
  'lost',
] as const;

export type TrialState = (typeof TRIAL_STATES)[number];

export const FINISHED_STATES: ReadonlySet<TrialState> = new Set(['completed', 'failed', 'pruned', 'killed', 'timed_out', 'lost']);

/** A trial whose process may still be alive: it holds a `parallel` slot and its GPUs. */
export const ACTIVE_STATES: ReadonlySet<TrialState> = new Set(['pending', 'running', 'paused']);

export function isFinished(state: TrialState): boolean {
  return FINISHED_STATES.has(state);
}

export function isActive(state: TrialState): boolean {
  return ACTIVE_STATES.has(state);
}

export function isTrialState(value: unknown): value is TrialState {
  return typeof value === 'string' && (TRIAL_STATES as readonly string[]).includes(value);
}
