/**
 * Carries out the lifecycle table (trial/lifecycle.ts) for a sweep: one event moves the trial's
 * entry, the sampler's view of it, the pruning study and the queue together, then tells the
 * sweep, which records and announces the change. Nothing else in the engine changes a trial's state.
 */
import { isFinished, type TrialState } from '../../plugin-api/trial-state.js';
import type { PruningStudy } from '../pruning/study.js';
import { IllegalTransition, nextState, type TrialEvent } from '../trial/lifecycle.js';
import type { TrialEntry } from './trial-entry.js';

export interface LifecycleListener {
  /** `entry` left `previous` (its new state is `entry.state`); `ended` when that state is final. */
  transitioned(entry: TrialEntry, previous: TrialState, ended: boolean): void;
}

export class TrialLifecycle {
  constructor(
    private readonly study: PruningStudy | null,
    /** Trial ids waiting to run before any new suggestion, in order (shared with the roster). */
    private readonly queue: number[],
    private readonly listener: LifecycleListener,
  ) {}

  apply(entry: TrialEntry, event: TrialEvent): void {
    const previous = entry.state;
    const next = nextState(previous, event);
    if (next === undefined) throw new IllegalTransition(entry.id, previous, event);
    if (event.type === 'requeue') entry.resetForRerun();
    entry.moveTo(next);
    this.updateStudy(entry, event, next);
    this.updateQueue(entry, event);
    this.listener.transitioned(entry, previous, isFinished(next));
  }

  private updateStudy(entry: TrialEntry, event: TrialEvent, next: TrialState): void {
    if (!this.study) return;
    if (event.type !== 'launch') {
      this.study.setState(entry.id, next);
      return;
    }
    // a re-run after a resume or a promote starts its curve afresh
    this.study.addTrial(entry.id);
    if (entry.promoted) this.study.setPromoted(entry.id, true);
  }

  private updateQueue(entry: TrialEntry, event: TrialEvent): void {
    if (event.type === 'requeue') {
      this.queue.unshift(entry.id);
    } else if (event.type === 'dequeue') {
      const at = this.queue.indexOf(entry.id);
      if (at !== -1) this.queue.splice(at, 1);
    }
  }
}
