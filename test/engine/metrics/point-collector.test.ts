import { queryObjects } from 'node:v8';
import { describe, expect, it } from 'vitest';
import type { ExtractedPoint } from '../../../src/engine/metrics/extractor.js';
import { PointCollector } from '../../../src/engine/metrics/point-collector.js';
import { seededRandom } from '../../../scripts/lib/seeded-random.js';

const at = (name: string, step: number | null, value: number, context?: string): ExtractedPoint => ({ name, step, value, context });

/**
 * The rule written as plainly as it reads: a key per (context, name, step), the first point's
 * fields kept, the last final value.
 */
class Reference {
  private readonly byKey = new Map<string, ExtractedPoint & { hasValue: boolean }>();

  see(point: ExtractedPoint): void {
    const key = this.key(point);
    if (!this.byKey.has(key)) this.byKey.set(key, { ...point, hasValue: false });
  }

  add(point: ExtractedPoint): void {
    const entry = this.byKey.get(this.key(point));
    if (entry) {
      entry.value = point.value;
      entry.hasValue = true;
    } else {
      this.byKey.set(this.key(point), { ...point, hasValue: true });
    }
  }

  points(): ExtractedPoint[] {
    return [...this.byKey.values()].filter((e) => e.hasValue).map(({ hasValue, ...point }) => point);
  }

  private key({ context, name, step }: ExtractedPoint): string {
    // steps equal as a Map's keys are: 0 and -0 one step, NaN one step, null another
    const stepKey = step === null ? 'null' : Object.is(step, -0) ? '0' : String(step);
    return `${context ?? ''}\u0000${name}\u0000${stepKey}`;
  }
}

describe('PointCollector', () => {
  it('keeps one point per (context, name, step): the last final value, in order of first appearance', () => {
    const collector = new PointCollector();
    collector.see(at('loss', 1, 0.9)); // a bar's redraw: its place, not its value
    collector.add(at('acc', 1, 0.5));
    collector.add(at('loss', 1, 0.8));
    collector.add(at('loss', 2, 0.7));
    collector.add(at('loss', 1, 0.6)); // a second run of step 1 replaces the value, keeps the place
    collector.see(at('loss', 3, 0.5)); // seen, never final: not a point
    collector.add(at('loss', 1, 0.4, 'fold 2'));
    expect(collector.points).toEqual([at('loss', 1, 0.6), at('acc', 1, 0.5), at('loss', 2, 0.7), at('loss', 1, 0.4, 'fold 2')]);
  });

  it('keeps steps that go back, fractional, NaN, null, 0 and -0, and a context of "" as no context', () => {
    const collector = new PointCollector();
    const points = [at('x', 5, 1), at('x', 2.5, 2), at('x', 5, 3), at('x', NaN, 4), at('x', NaN, 5), at('x', null, 6), at('x', null, 7)];
    points.push(at('y', 0, 8, ''), at('y', -0, 9), at('y', 1, 10), at('y', 0, 11, ''));
    for (const point of points) collector.add(point);
    expect(collector.points).toEqual([
      at('x', 5, 3),
      at('x', 2.5, 2),
      at('x', NaN, 5),
      at('x', null, 7),
      at('y', 0, 11, ''),
      at('y', 1, 10),
    ]);
  });

  it('reads 20,000 random points exactly as the plain rule does', () => {
    const next = seededRandom(7).next;
    const collector = new PointCollector();
    const reference = new Reference();
    const names = ['loss', 'acc', 'lr', 'final/acc'];
    const contexts = [undefined, undefined, undefined, 'fold 1', 'fold 2', ''];
    const steps = [null, NaN, -0, 0, 0.5, 1, 2, 3];
    let climbing = 0;
    for (let i = 0; i < 20_000; i++) {
      const r = next();
      // mostly growing steps, as a log's are; now and then one from the list, or a run starting over
      if (r < 0.01) climbing = 0;
      const step = r < 0.1 ? steps[Math.floor(next() * steps.length)] : (climbing += Math.floor(next() * 3));
      const point: ExtractedPoint = {
        name: names[Math.floor(next() * names.length)],
        step,
        value: Math.round(next() * 100) / 100,
        context: contexts[Math.floor(next() * contexts.length)],
        beforeFirstStep: next() < 0.1 ? true : undefined,
      };
      if (next() < 0.3) {
        collector.see(point);
        reference.see(point);
      } else {
        collector.add(point);
        reference.add(point);
      }
    }
    expect(collector.points).toEqual(reference.points());
  });

  it('keeps no object per point: 100,000 points of three metrics leave a few objects behind, not thousands', () => {
    const collector = new PointCollector();
    const names = ['loss', 'lr', 'grad_norm'];
    const before = queryObjects(Object, { format: 'count' });
    for (let step = 1; step <= 100_000; step++) collector.add(at(names[step % 3], Math.ceil(step / 3), 1 / step));
    const after = queryObjects(Object, { format: 'count' });
    expect(collector.entries).toBe(100_000);
    expect(after - before).toBeLessThan(1_000);
  });
});
