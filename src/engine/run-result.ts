import type { MetricEvent, RunSnapshot } from './events.js';

/**
 * A trial's runs with one run's result as a metric point left it (MetricEvent.run): a run's value
 * shows while it trains, before the trial's next update. Runs are replaced, never changed in place.
 */
export function withRunResult(runs: readonly RunSnapshot[], run: NonNullable<MetricEvent['run']>): RunSnapshot[] {
  return runs.map((r) => (r.index === run.index ? { ...r, objective: run.objective } : r));
}
