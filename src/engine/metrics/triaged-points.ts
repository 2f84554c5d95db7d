/**
 * The metrics of a whole file, as `sweeptop metrics` prints them: the points a PointCollector kept,
 * in order, through the triage a sweep applies (echoed configuration kept apart). No list of them
 * is kept: each reading runs the triage again over the collector. Once the triage lets every
 * point through (training has started), the rest are the collector's entries as they are, read
 * in batches of entry numbers: no object is made for them.
 */
import type { EchoedValue } from '../../plugin-api/parser.js';
import type { ExtractedPoint } from './extractor.js';
import type { PointCollector } from './point-collector.js';
import { PointTriage } from './point-triage.js';

/** A point handed to the triage, which knows its entry. */
interface Entry extends ExtractedPoint {
  entry: number;
}

export class TriagedPoints implements Iterable<ExtractedPoint> {
  /** How many metrics a reading yields. */
  readonly length: number;

  /** Adds the configuration the triage sets apart to `echoed`. */
  constructor(
    readonly collector: PointCollector,
    private readonly objectiveName: string | readonly string[],
    echoed: Record<string, EchoedValue>,
  ) {
    const reading = this.reading(echoed);
    const batch = new Int32Array(4096);
    let count = 0;
    for (let n = reading.next(batch); n > 0; n = reading.next(batch)) count += n;
    this.length = count;
  }

  /** A reading from the start, in batches: see TriagedReading.next. */
  reading(echoed: Record<string, EchoedValue> = {}): TriagedReading {
    return new TriagedReading(this.collector, new PointTriage({}, this.objectiveName), echoed);
  }

  /** Each metric as an object of its own. */
  *[Symbol.iterator](): Iterator<ExtractedPoint> {
    const reading = this.reading();
    const batch = new Int32Array(1024);
    for (let n = reading.next(batch); n > 0; n = reading.next(batch)) {
      for (let i = 0; i < n; i++) yield this.collector.point(batch[i])!;
    }
  }
}

export class TriagedReading {
  /** The next entry to read. */
  private at = 0;
  private readonly kept: ExtractedPoint[] = [];
  private ended = false;

  constructor(
    private readonly collector: PointCollector,
    private readonly triage: PointTriage,
    private readonly echoed: Record<string, EchoedValue>,
  ) {}

  /** Fills `batch` (of 2 or more) with the next metrics' entry numbers (PointCollector's); how many, 0 at the end. */
  next(batch: Int32Array): number {
    if (batch.length < 2) throw new RangeError('a batch holds at least two entries');
    const { collector, triage, kept } = this;
    const entries = collector.entries;
    let n = 0;
    // room for two: the triage may let a held point through with the one it is given
    while (n < batch.length - 1 && this.at < entries) {
      if (triage.admitsAll) {
        while (n < batch.length && this.at < entries) {
          const i = this.at++;
          if (collector.hasValue(i)) batch[n++] = i;
        }
        break;
      }
      const i = this.at++;
      if (!collector.hasValue(i)) continue;
      const point = collector.point(i) as Entry;
      point.entry = i;
      triage.take(point, this.echoed, kept);
      for (const metric of kept) batch[n++] = (metric as Entry).entry;
      kept.length = 0;
    }
    if (this.at === entries && !this.ended) {
      this.ended = true;
      triage.end(this.echoed);
    }
    return n;
  }
}
