import { describe, expect, it } from 'vitest';
import { versioned } from '../../../src/cli/output/json-output.js';
import { MetricPointLines } from '../../../src/cli/output/metric-point-lines.js';
import { METRICS_JSON } from '../../../src/cli/output/shapes.js';
import type { ExtractedPoint } from '../../../src/engine/metrics/extractor.js';
import { PointCollector } from '../../../src/engine/metrics/point-collector.js';
import { encodeNumber } from '../../../src/plugin-api/json-number.js';

/** The line as the declaration makes it, an object stringified. */
function declared({ name, step, value, context }: ExtractedPoint): string {
  const point = { name, step: step ?? 0, value: encodeNumber(value), ...(context !== undefined && { context }) };
  return `${JSON.stringify(versioned(METRICS_JSON, 'point', point))}\n`;
}

describe('metrics --json lines', () => {
  it('are byte for byte what the declared record stringifies to', () => {
    const names = ['loss', 'val/acc', 'Train Loss', 'a "quoted" name', 'back\\slash', 'tab\there', 'émoji 🚀', '\u2028line'];
    const contexts = [undefined, '', 'fold 3', 'seed "1"', 'fold\u0001'];
    const numbers = [0, -0, 1, -1.5, 0.1 + 0.2, 1e21, 1e-7, 123456789012345680000, 5e-324, Number.MAX_VALUE, NaN, Infinity, -Infinity];
    let checked = 0;
    for (const name of names)
      for (const context of contexts)
        for (const step of [null, ...numbers])
          for (const value of numbers) {
            const point: ExtractedPoint = { name, step, value, context };
            const collector = new PointCollector();
            collector.add(point);
            expect(new MetricPointLines(collector).line(0)).toBe(declared(point));
            checked++;
          }
    expect(checked).toBe(names.length * contexts.length * (numbers.length + 1) * numbers.length);
  });

  it('of many metrics and contexts in one collector each use their own name and context', () => {
    const collector = new PointCollector();
    const points: ExtractedPoint[] = [];
    for (let step = 0; step < 50; step++)
      for (const name of ['loss', 'acc', 'lr'])
        for (const context of [undefined, 'fold 1', 'fold 2', 'seed 3']) points.push({ name, step, value: step / 3, context });
    for (const point of points) collector.add(point);
    const lines = new MetricPointLines(collector);
    expect(points.map((_, i) => lines.line(i))).toEqual(points.map(declared));
  });
});
