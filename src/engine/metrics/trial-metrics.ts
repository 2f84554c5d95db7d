/**
 * What the engine keeps in memory about one trial's metrics: the objective's last and best values,
 * how many times it was reported, and the last value of every metric. Full curves stay on disk.
 */
import type { Goal } from '../../plugin-api/plugin.js';

export class TrialMetrics {
  objective: number | null = null;
  best: number | null = null;
  step: number | null = null;
  steps = 0;
  readonly last: Record<string, number> = {};

  constructor(
    private readonly objectiveName: string,
    private readonly goal: Goal,
  ) {}

  /** Returns true when the point is a report of the objective. */
  record(name: string, step: number, value: number): boolean {
    this.last[name] = value;
    if (name !== this.objectiveName) return false;
    this.objective = value;
    this.step = step;
    this.steps++;
    if (isBetter(value, this.best, this.goal)) this.best = value;
    return true;
  }
}

/** NaN is never better than anything; anything is better than nothing. */
export function isBetter(value: number | null, than: number | null, goal: Goal): boolean {
  if (value === null || Number.isNaN(value)) return false;
  if (than === null || Number.isNaN(than)) return true;
  return goal === 'minimize' ? value < than : value > than;
}
