import { describe, expect, it } from 'vitest';
import type { ExtractedPoint } from '../../../src/engine/metrics/extractor.js';
import { PointCollector } from '../../../src/engine/metrics/point-collector.js';
import { PointTriage } from '../../../src/engine/metrics/point-triage.js';
import { TriagedPoints } from '../../../src/engine/metrics/triaged-points.js';
import type { EchoedValue } from '../../../src/plugin-api/parser.js';

const early = (name: string, value: number, step = 0): ExtractedPoint => ({ name, step, value, beforeFirstStep: true });
const at = (name: string, step: number, value: number): ExtractedPoint => ({ name, step, value });

/** Values printed once and twice before training, an objective's summary, then training. */
const POINTS = [
  early('train samples', 1437),
  early('classes', 10),
  early('seed', 1, 1),
  early('classes', 10, 1),
  early('mean/val_loss', 0.5),
  at('loss', 1, 0.9),
  early('late', 3, 5),
  ...Array.from({ length: 20 }, (_, i) => at(['loss', 'acc'][i % 2], 2 + Math.floor(i / 2), i / 10)),
];

function collector(): PointCollector {
  const points = new PointCollector();
  for (const point of POINTS) points.add(point);
  return points;
}

/** What the sweep's triage makes of the collector's points, all at once. */
function reference(objective: string): { metrics: ExtractedPoint[]; echoed: Record<string, EchoedValue> } {
  const triage = new PointTriage({}, objective);
  const echoed: Record<string, EchoedValue> = {};
  const metrics = triage.sort(collector().points, echoed);
  triage.end(echoed);
  return { metrics, echoed };
}

describe('TriagedPoints', () => {
  it('reads, in batches of any size, what the triage makes of the points all at once', () => {
    const { metrics, echoed } = reference('val_loss');
    expect(metrics.length).toBeLessThan(POINTS.length); // something was set apart
    for (const size of [2, 3, 4, 7, 4096]) {
      const kept: Record<string, EchoedValue> = {};
      const points = new TriagedPoints(collector(), 'val_loss', kept);
      expect(points.length).toBe(metrics.length);
      expect(kept).toEqual(echoed);
      const reading = points.reading();
      const batch = new Int32Array(size);
      const read: ExtractedPoint[] = [];
      for (let n = reading.next(batch); n > 0; n = reading.next(batch))
        for (let i = 0; i < n; i++) read.push(points.collector.point(batch[i])!);
      expect(read, `batches of ${size}`).toEqual(metrics);
      expect([...points]).toEqual(metrics);
    }
  });
});
