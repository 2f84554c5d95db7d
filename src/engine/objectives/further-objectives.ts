/**
 * A trial's objectives after the first, in a sweep of several: each one kept as the first is
 * (metrics/trial-metrics.ts: per context, combined, a summary standing in), from the same points.
 * The first objective stays in the trial's own TrialMetrics, which everything judging one
 * objective reads; in a sweep of one objective this holds nothing.
 */
import type { ObjectiveSpec } from '../metrics/objective.js';
import { TrialMetrics } from '../metrics/trial-metrics.js';

export class FurtherObjectives {
  private readonly metrics: TrialMetrics[];

  /** `further`: the sweep's objectives without the first. */
  constructor(private readonly further: readonly ObjectiveSpec[]) {
    this.metrics = further.map((spec) => new TrialMetrics(spec));
  }

  /** How many objectives it holds: 0 in a sweep of one objective. */
  get size(): number {
    return this.metrics.length;
  }

  /** A fresh copy with nothing recorded (a re-run of a trial without runs). */
  fresh(): FurtherObjectives {
    return new FurtherObjectives(this.further);
  }

  /** Whether the point concerns one of them (its own name or a summary standing in). */
  record(name: string, step: number, value: number, context?: string): boolean {
    let concerned = false;
    for (const metrics of this.metrics) if (metrics.record(name, step, value, context) !== 'other') concerned = true;
    return concerned;
  }

  forget(context: string): void {
    for (const metrics of this.metrics) metrics.forget(context);
  }

  /** Each objective's value as it stands, in the sweep file's order; null before it is reported. */
  values(): Array<number | null> {
    return this.metrics.map((metrics) => metrics.objective);
  }

  /** The summaries standing in for objectives never printed under their own name (`final/latency_ms`), with those names. */
  standIns(): Array<{ source: string; name: string }> {
    return this.metrics.flatMap((metrics, i) => (metrics.source === null ? [] : [{ source: metrics.source, name: this.further[i].name }]));
  }
}
