/**
 * What a person's command does to one trial, once command-handler.ts has checked it may be done
 * (trial/actions.ts): the process is signalled through its TrialRun, and the state moves through
 * the lifecycle, so every command's change is recorded and announced like any other.
 */
import type { TrialState } from '../../plugin-api/trial-state.js';
import type { PruningStudy } from '../pruning/study.js';
import { promoteEffect } from '../trial/actions.js';
import type { TrialRun } from '../trial/trial-run.js';
import type { TrialEntry } from './trial-entry.js';
import type { TrialEvent } from '../trial/lifecycle.js';
import type { TrialRuns } from './trial-runs.js';

export class TrialCommands {
  constructor(
    /** Moves a trial, or a run of one, through the lifecycle (the sweep's transition). */
    private readonly lifecycle: { apply(entry: TrialEntry, event: TrialEvent): void },
    /** Trial ids waiting to run before any new suggestion, in order (the sweep's own). */
    private readonly queue: number[],
    private readonly study: PruningStudy | null,
    private readonly announce: (entry: TrialEntry, previous: TrialState) => void,
    private readonly runs: TrialRuns,
  ) {}

  /** A trial with runs: each run running now, then the trial (its next runs wait while it is paused). */
  async pause(entry: TrialEntry): Promise<void> {
    if (!entry.runs) await runOf(entry).pause();
    for (const run of entry.runs ?? []) {
      if (!run.run || run.state !== 'running') continue;
      await run.run.pause();
      this.lifecycle.apply(run, { type: 'pause' });
    }
    this.lifecycle.apply(entry, { type: 'pause' });
  }

  async resume(entry: TrialEntry): Promise<void> {
    if (!entry.runs) await runOf(entry).resume();
    for (const run of entry.runs ?? []) {
      if (!run.run || run.state !== 'paused') continue;
      await run.run.resume();
      this.lifecycle.apply(run, { type: 'resume' });
    }
    this.lifecycle.apply(entry, { type: 'resume' });
  }

  /** A queued trial leaves the queue; a live one is stopped with its processes (SIGTERM, then SIGKILL). */
  async kill(entry: TrialEntry, by: string): Promise<void> {
    entry.stoppedBy = 'person';
    if (entry.state === 'queued') {
      entry.reason = `removed from the queue by ${by}`;
      this.lifecycle.apply(entry, { type: 'dequeue' });
      return;
    }
    entry.reason = `killed by ${by}`;
    if (!entry.runs) {
      await runOf(entry).stop('killed');
      return;
    }
    const live = entry.runs.filter((run) => run.run);
    // between its runs (none has a slot yet): nothing to signal, it ends now
    if (live.length === 0) this.runs.killWaiting(entry);
    for (const run of live) {
      run.stoppedBy = 'person';
      run.reason = entry.reason;
      await run.run!.stop('killed');
    }
  }

  /** Queued: runs next. Live: protected from pruning (and resumed if paused). Pruned or killed: runs again next, protected. */
  async promote(entry: TrialEntry): Promise<void> {
    const before = entry.state;
    entry.promoted = true;
    switch (promoteEffect(before)) {
      case 'runNext':
        this.queue.splice(this.queue.indexOf(entry.id), 1);
        this.queue.unshift(entry.id);
        break;
      case 'protect':
        this.study?.setPromoted(entry.id, true);
        if (before === 'paused') await this.resume(entry);
        break;
      case 'requeue':
        this.lifecycle.apply(entry, { type: 'requeue' });
        return;
    }
    this.announce(entry, before);
  }
}

/** The process a live trial runs in; a live trial without one would be a bug, not a user's mistake. */
function runOf(entry: TrialEntry): TrialRun {
  if (!entry.run) throw new Error(`trial ${entry.id} is ${entry.state} but has no process`);
  return entry.run;
}
