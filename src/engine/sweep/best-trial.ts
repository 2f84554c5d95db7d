/**
 * The sweep's best trial and, with folds or repeats, whether it is distinguishable from the next
 * ones (live-winner.ts): both held in the sweep's standing, each announced only when it changed.
 * Only a completed trial with an objective can be best (so in a budget sweep only a trial that
 * reached the top level).
 */
import type { SweepConfig } from '../config/types.js';
import type { EngineEmitter } from '../emitter.js';
import { outranks } from '../metrics/objective.js';
import { liveWinner } from './live-winner.js';
import type { SweepStanding } from './sweep-standing.js';
import type { TrialEntry } from './trial-entry.js';

export class BestTrial {
  constructor(
    /** The sweep's own standing: bestId and winner change here. */
    private readonly standing: SweepStanding,
    private readonly entries: ReadonlyMap<number, TrialEntry>,
    private readonly config: Pick<SweepConfig, 'folds' | 'repeats' | 'metric'>,
    private readonly emitter: EngineEmitter,
  ) {}

  /** A trial ended (or was read back): it becomes the best if it outranks the best so far. */
  consider(entry: TrialEntry): void {
    if (entry.state !== 'completed' || entry.metrics.objective === null) return;
    const best = this.standing.bestId === null ? undefined : this.entries.get(this.standing.bestId);
    const value = entry.metrics.objective;
    if (!outranks(value, entry.id, best ? { value: best.metrics.objective, id: best.id } : null, this.config.metric.goal)) return;
    this.standing.bestId = entry.id;
    this.emitter.emit('sweep:best', { trialId: entry.id, objective: value });
  }

  /** Whether the best is distinguishable from the next ones, sent when that changed. */
  judgeWinner(): void {
    const winner = liveWinner(this.entries.values(), this.config);
    if (JSON.stringify(winner) === JSON.stringify(this.standing.winner)) return;
    this.standing.winner = winner;
    this.emitter.emit('sweep:winner', { winner });
  }

  /** A restored sweep's winner, judged again from the trials read back, before any client listens. */
  restoreWinner(): void {
    this.standing.winner = liveWinner(this.entries.values(), this.config);
  }
}
