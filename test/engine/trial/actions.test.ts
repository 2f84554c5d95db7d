import { describe, expect, it } from 'vitest';
import type { SweepPhase } from '../../../src/engine/events.js';
import { allowedAction, allowedActions, type TrialAction } from '../../../src/engine/trial/actions.js';
import { KEY_TABLE, type BindingScope } from '../../../src/ui/keys/key-table.js';
import { TRIAL_STATES } from '../../../src/plugin-api/trial-state.js';

const PHASES: SweepPhase[] = ['running', 'stopping', 'finished'];

describe('what may be done to a trial', () => {
  it('pause needs a running trial, resume a paused one; nothing is asked of a finished sweep', () => {
    expect(allowedAction('pause', { state: 'running', promoted: false }, 'running')).toEqual({ allowed: true });
    expect(allowedAction('pause', { state: 'pending', promoted: false }, 'running')).toEqual({
      allowed: false,
      why: 'only a running trial can be paused',
    });
    expect(allowedAction('resume', { state: 'paused', promoted: true }, 'stopping')).toEqual({ allowed: true });
    expect(allowedAction('resume', { state: 'running', promoted: false }, 'running')).toEqual({
      allowed: false,
      why: 'only a paused trial can be resumed',
    });
    expect(allowedAction('kill', { state: 'running', promoted: false }, 'finished')).toEqual({
      allowed: false,
      why: 'the sweep has finished',
    });
  });

  it('kill takes queued and live trials; promote also pruned and killed ones, while the sweep runs', () => {
    const verdicts = (state: (typeof TRIAL_STATES)[number], promoted = false, phase: SweepPhase = 'running') =>
      Object.entries(allowedActions({ state, promoted }, phase))
        .filter(([, v]) => v.allowed)
        .map(([action]) => action);
    expect(verdicts('queued')).toEqual(['kill', 'promote']);
    expect(verdicts('running')).toEqual(['pause', 'kill', 'promote']);
    expect(verdicts('running', true)).toEqual(['pause', 'kill']);
    expect(verdicts('paused')).toEqual(['resume', 'kill', 'promote']);
    expect(verdicts('pruned')).toEqual(['promote']);
    expect(verdicts('pruned', false, 'stopping')).toEqual([]);
    expect(allowedAction('promote', { state: 'killed', promoted: true }, 'stopping')).toEqual({
      allowed: false,
      why: 'the sweep is stopping and runs no trial again',
    });
    for (const state of ['completed', 'failed', 'timed_out', 'lost'] as const) expect(verdicts(state)).toEqual([]);
  });

  it('is what the TUI offers: a key applies exactly when the engine would take its command', () => {
    const binding = (command: string) => KEY_TABLE.find((b) => b.command === command && b.contexts.includes('table'))!;
    const offered = (action: TrialAction, scope: BindingScope) => {
      if (action === 'pause' || action === 'resume') return binding('trial.pause').when!(scope);
      return binding(action === 'kill' ? 'trial.kill' : 'trial.promote').when!(scope);
    };
    for (const state of TRIAL_STATES) {
      for (const promoted of [false, true]) {
        for (const phase of PHASES) {
          const scope: BindingScope = {
            selectedState: state,
            selectedPromoted: promoted,
            phase,
            finished: phase === 'finished',
            detachable: false,
          };
          const engine = allowedActions({ state, promoted }, phase);
          expect(offered('pause', scope), `p on ${state} ${promoted} ${phase}`).toBe(engine.pause.allowed || engine.resume.allowed);
          expect(offered('kill', scope), `x on ${state} ${promoted} ${phase}`).toBe(engine.kill.allowed);
          expect(offered('promote', scope), `P on ${state} ${promoted} ${phase}`).toBe(engine.promote.allowed);
        }
      }
    }
  });
});
