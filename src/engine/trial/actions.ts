/**
 * What a person may do to a trial now, and why not when they may not: one answer for the engine
 * (which refuses a command) and the TUI (which greys a key out and explains a refused press), so
 * the two never disagree. Each refusal is worded to follow "trial 3 is queued; " (the engine) or
 * "#3 is queued: " (the TUI).
 */
import type { TrialState } from '../../plugin-api/trial-state.js';
import type { SweepPhase } from '../events.js';

export type TrialAction = 'pause' | 'resume' | 'kill' | 'promote';

export type Verdict = { allowed: true } | { allowed: false; why: string };

export interface ActionSubject {
  state: TrialState;
  promoted: boolean;
}

/** What promoting a trial in this state does. */
export type PromoteEffect = 'runNext' | 'protect' | 'requeue';

const ALLOWED: Verdict = { allowed: true };
const refuse = (why: string): Verdict => ({ allowed: false, why });

export function allowedAction(action: TrialAction, trial: ActionSubject, phase: SweepPhase): Verdict {
  if (phase === 'finished') return refuse('the sweep has finished');
  switch (action) {
    case 'pause':
      return trial.state === 'running' ? ALLOWED : refuse('only a running trial can be paused');
    case 'resume':
      return trial.state === 'paused' ? ALLOWED : refuse('only a paused trial can be resumed');
    case 'kill':
      return killable(trial.state) ? ALLOWED : refuse('there is nothing left to kill');
    case 'promote':
      return promoteVerdict(trial, phase);
  }
}

export function allowedActions(trial: ActionSubject, phase: SweepPhase): Record<TrialAction, Verdict> {
  return {
    pause: allowedAction('pause', trial, phase),
    resume: allowedAction('resume', trial, phase),
    kill: allowedAction('kill', trial, phase),
    promote: allowedAction('promote', trial, phase),
  };
}

/** Queued trials leave the queue; pending, running and paused ones are stopped with their processes. */
function killable(state: TrialState): boolean {
  return state === 'queued' || state === 'pending' || state === 'running' || state === 'paused';
}

export function promoteEffect(state: TrialState): PromoteEffect | null {
  switch (state) {
    case 'queued':
      return 'runNext';
    case 'pending':
    case 'running':
    case 'paused':
      return 'protect';
    case 'pruned':
    case 'killed':
      return 'requeue';
    default:
      return null;
  }
}

function promoteVerdict(trial: ActionSubject, phase: SweepPhase): Verdict {
  const effect = promoteEffect(trial.state);
  if (effect === null) return refuse('only queued, running, paused, pruned or killed trials can be promoted');
  if (effect === 'requeue') return phase === 'running' ? ALLOWED : refuse(`the sweep is ${phase} and runs no trial again`);
  return trial.promoted ? refuse('it is already promoted') : ALLOWED;
}
