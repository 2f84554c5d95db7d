/**
 * The metrics of a whole file, as `sweeptop metrics` prints them: the points a PointCollector kept,
 * in order, through the triage a sweep applies (echoed configuration kept apart). No list of them
 * is kept: each iteration runs the triage again over the collector, making each point as it goes.
 */
import type { EchoedValue } from '../../plugin-api/parser.js';
import type { ExtractedPoint } from './extractor.js';
import type { PointCollector } from './point-collector.js';
import { PointTriage } from './point-triage.js';

export class TriagedPoints implements Iterable<ExtractedPoint> {
  /** How many metrics an iteration yields. */
  readonly length: number;

  /** Adds the configuration the triage sets apart to `echoed`. */
  constructor(
    private readonly collector: PointCollector,
    private readonly objectiveName: string | readonly string[],
    echoed: Record<string, EchoedValue>,
  ) {
    let count = 0;
    for (const _ of this.triage(echoed)) count++;
    this.length = count;
  }

  [Symbol.iterator](): Iterator<ExtractedPoint> {
    return this.triage({});
  }

  private *triage(echoed: Record<string, EchoedValue>): Generator<ExtractedPoint> {
    const triage = new PointTriage({}, this.objectiveName);
    const metrics: ExtractedPoint[] = [];
    const entries = this.collector.entries;
    for (let i = 0; i < entries; i++) {
      const point = this.collector.point(i);
      if (point === null) continue;
      triage.take(point, echoed, metrics);
      if (metrics.length === 0) continue;
      for (const metric of metrics) yield metric;
      metrics.length = 0;
    }
    triage.end(echoed);
  }
}
