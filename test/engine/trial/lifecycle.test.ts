import { describe, expect, it } from 'vitest';
import type { PruningStudy } from '../../../src/engine/pruning/study.js';
import { TrialEntry } from '../../../src/engine/sweep/trial-entry.js';
import { TrialLifecycle } from '../../../src/engine/sweep/trial-lifecycle.js';
import { IllegalTransition, nextState, TRANSITIONS, type TrialEvent } from '../../../src/engine/trial/lifecycle.js';
import { TRIAL_STATES, type TrialState } from '../../../src/plugin-api/trial-state.js';
import { trialPaths } from '../../../src/engine/state/layout.js';

const EVENTS: TrialEvent[] = [
  { type: 'launch' },
  { type: 'executorQueued' },
  { type: 'executorStarted' },
  { type: 'pause' },
  { type: 'resume' },
  { type: 'end', state: 'completed' },
  { type: 'end', state: 'lost' },
  { type: 'dequeue' },
  { type: 'requeue' },
];

/** Every legal move, written out by hand from docs/trials-and-files.md "Trials": anything else must be refused. */
const LEGAL: Array<[TrialState, TrialEvent['type'], TrialState | 'end-state']> = [
  ['queued', 'launch', 'running'],
  ['running', 'executorQueued', 'pending'],
  ['pending', 'executorStarted', 'running'],
  ['running', 'pause', 'paused'],
  ['paused', 'resume', 'running'],
  ['pending', 'end', 'end-state'],
  ['running', 'end', 'end-state'],
  ['paused', 'end', 'end-state'],
  ['queued', 'dequeue', 'killed'],
  ['failed', 'requeue', 'queued'],
  ['lost', 'requeue', 'queued'],
  ['pruned', 'requeue', 'queued'],
  ['killed', 'requeue', 'queued'],
];

describe('the lifecycle table', () => {
  it('allows exactly the documented moves, from every state on every event', () => {
    for (const state of TRIAL_STATES) {
      for (const event of EVENTS) {
        const legal = LEGAL.find(([from, type]) => from === state && type === event.type);
        const expected = legal === undefined ? undefined : legal[2] === 'end-state' ? (event as { state: TrialState }).state : legal[2];
        expect(nextState(state, event), `${state} on ${event.type}`).toBe(expected);
      }
    }
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...new Set(EVENTS.map((e) => e.type))].sort());
  });

  it('never leaves a finished trial but to run it again, and never reaches queued but by requeue', () => {
    for (const [type, transition] of Object.entries(TRANSITIONS)) {
      if (type !== 'requeue') expect(transition.from.filter((s) => ['completed', 'timed_out'].includes(s))).toEqual([]);
    }
    expect(TRANSITIONS.requeue.from).not.toContain('completed');
  });
});

/** A study that records what it was told, so the test sees the lifecycle keep it in step. */
function recordingStudy() {
  const calls: string[] = [];
  const study: PruningStudy = {
    addTrial: (id) => void calls.push(`add ${id}`),
    report: () => ({ action: 'continue', reason: null }),
    record: () => {},
    setState: (id, state) => void calls.push(`state ${id} ${state}`),
    setPromoted: (id, promoted) => void calls.push(`promoted ${id} ${promoted}`),
    restore: () => {},
  };
  return { study, calls };
}

function entry(id = 3): TrialEntry {
  return new TrialEntry(id, { lr: 0.1 }, '/tmp', trialPaths('/tmp/sweep', id), [
    { name: 'loss', goal: 'minimize', value: 'last', combine: 'mean' },
  ]);
}

describe('TrialLifecycle', () => {
  it('moves the entry, the sampler view, the study and the queue together, and reports each move once', () => {
    const { study, calls } = recordingStudy();
    const queue = [3, 4];
    const moves: string[] = [];
    const lifecycle = new TrialLifecycle(study, queue, {
      transitioned: (e, previous, ended) => moves.push(`${previous}→${e.state}${ended ? ' (ended)' : ''}`),
    });
    const trial = entry();
    trial.promoted = true;
    queue.shift();
    lifecycle.apply(trial, { type: 'launch' });
    lifecycle.apply(trial, { type: 'pause' });
    lifecycle.apply(trial, { type: 'resume' });
    lifecycle.apply(trial, { type: 'end', state: 'pruned' });
    expect(trial.samplerView.state).toBe('pruned');
    trial.metrics.record('loss', 0, 0.5);
    lifecycle.apply(trial, { type: 'requeue' });
    expect([trial.state, trial.samplerView.state, trial.attempt, trial.metrics.steps]).toEqual(['queued', 'queued', 1, 0]);
    expect(queue).toEqual([3, 4]);
    const other = entry(4);
    lifecycle.apply(other, { type: 'dequeue' });
    expect(queue).toEqual([3]);
    expect(moves).toEqual([
      'queued→running',
      'running→paused',
      'paused→running',
      'running→pruned (ended)',
      'pruned→queued',
      'queued→killed (ended)',
    ]);
    expect(calls).toEqual([
      'add 3',
      'promoted 3 true',
      'state 3 paused',
      'state 3 running',
      'state 3 pruned',
      'state 3 queued',
      'state 4 killed',
    ]);
  });

  it('refuses a move the table forbids, changing nothing', () => {
    const { study, calls } = recordingStudy();
    const moves: string[] = [];
    const lifecycle = new TrialLifecycle(study, [], { transitioned: () => moves.push('moved') });
    const trial = entry();
    expect(() => lifecycle.apply(trial, { type: 'pause' })).toThrow(new IllegalTransition(3, 'queued', { type: 'pause' }));
    expect(() => lifecycle.apply(trial, { type: 'end', state: 'completed' })).toThrow(/no transition from queued on end \(completed\)/);
    expect([trial.state, moves, calls]).toEqual(['queued', [], []]);
  });
});
