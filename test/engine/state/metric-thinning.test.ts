import { describe, expect, it } from 'vitest';
import { MetricThinning, STORED_AS_THEY_COME, THINNING_WINDOW } from '../../../src/engine/state/metric-thinning.js';
import type { StoredPoint } from '../../../src/engine/state/metric-log.js';

/** A noisy, non-monotonic series, one point per line of output. */
function series(name: string, count: number, extra: Partial<StoredPoint> = {}): StoredPoint[] {
  return Array.from({ length: count }, (_, i) => ({
    name,
    step: i,
    value: Math.sin(i * 0.37) * 10 + ((i * 7919) % 13),
    time: i,
    offset: (i + 1) * 40,
    ...extra,
  }));
}

function admitAll(thinning: MetricThinning, points: readonly StoredPoint[]): StoredPoint[] {
  return [...points.flatMap((p) => thinning.admit(p)), ...thinning.flush()];
}

describe('MetricThinning', () => {
  it('stores every point of the objective and of its summaries, however many', () => {
    const thinning = new MetricThinning('val_loss');
    const objective = [...series('val_loss', 20_000), ...series('best/val_loss', 3000), ...series('val_loss', 5000, { context: 'fold 2' })];
    expect(admitAll(thinning, objective)).toEqual(objective);
  });

  it("stores the first points as they come, then each window's min, max and last, in order", () => {
    const thinning = new MetricThinning('val_loss');
    const points = series('loss', 30_000);
    const stored = admitAll(thinning, points);
    const windows = Math.ceil((points.length - STORED_AS_THEY_COME) / THINNING_WINDOW);
    expect(stored.length).toBeLessThanOrEqual(STORED_AS_THEY_COME + 3 * windows);
    expect(stored.length).toBeGreaterThan(STORED_AS_THEY_COME + windows);
    expect(stored.slice(0, STORED_AS_THEY_COME)).toEqual(points.slice(0, STORED_AS_THEY_COME));
    // in the order printed, each point once; each window's min, max and last among them
    const misordered = stored.filter((p, i) => i > 0 && p.step <= stored[i - 1].step);
    expect(misordered).toEqual([]);
    const missed: string[] = [];
    let at = STORED_AS_THEY_COME;
    for (let start = STORED_AS_THEY_COME; start < points.length; start += THINNING_WINDOW) {
      const window = points.slice(start, start + THINNING_WINDOW);
      const kept: StoredPoint[] = [];
      while (at < stored.length && stored[at].step <= window.at(-1)!.step) kept.push(stored[at++]);
      const values = window.map((p) => p.value);
      if (!kept.some((p) => p.value === Math.min(...values))) missed.push(`min of window at ${start}`);
      if (!kept.some((p) => p.value === Math.max(...values))) missed.push(`max of window at ${start}`);
      if (kept.at(-1) !== window.at(-1)) missed.push(`last of window at ${start}`);
    }
    expect(missed).toEqual([]);
    // the series' overall extremes and its last point are therefore kept too
    const values = points.map((p) => p.value);
    expect(stored.some((p) => p.value === values.reduce((a, b) => Math.min(a, b)))).toBe(true);
    expect(stored.some((p) => p.value === values.reduce((a, b) => Math.max(a, b)))).toBe(true);
    expect(stored.at(-1)).toEqual(points.at(-1));
  });

  it("thins each context and each stream on its own; keeps a NaN; leaves `logs:` files' points alone", () => {
    const thinning = new MetricThinning('val_loss');
    const fold1 = series('loss', 3000, { context: 'fold 1' });
    const fold2 = series('loss', 1500, { context: 'fold 2' });
    const stderr = series('loss', 1200, { source: 'stderr' });
    const file = series('loss', 5000, { source: '/runs/metrics.csv' });
    fold1[2500].value = NaN;
    const stored = admitAll(thinning, [...fold1, ...fold2, ...stderr, ...file]);
    const of = (points: StoredPoint[]) => stored.filter((p) => p.context === points[0].context && p.source === points[0].source);
    expect(of(fold1).length).toBeLessThan(STORED_AS_THEY_COME + 3 * 20 + 1);
    expect(of(fold1).some((p) => Number.isNaN(p.value))).toBe(true);
    expect(of(fold2).slice(0, STORED_AS_THEY_COME)).toEqual(fold2.slice(0, STORED_AS_THEY_COME));
    expect(of(stderr).slice(0, STORED_AS_THEY_COME)).toEqual(stderr.slice(0, STORED_AS_THEY_COME));
    expect(of(file)).toEqual(file);
  });

  it('after a restart, replaying what was recorded continues the windows: no point stored twice, none lost', () => {
    // two metrics per line of output; a controller dies between lines (a line is handled at once)
    const points = series('loss', 5_000)
      .concat(series('val_loss', 5_000))
      .sort((a, b) => a.offset - b.offset || a.name.localeCompare(b.name));
    const whole = admitAll(new MetricThinning('val_loss'), points);
    for (const crashAt of [1000, 1234, 2502, 9998]) {
      const first = new MetricThinning('val_loss');
      const before = points.slice(0, crashAt).flatMap((p) => first.admit(p)); // then the controller dies
      const replayUntil = Math.max(...before.map((p) => p.offset));
      const second = new MetricThinning('val_loss');
      for (const p of points.filter((p) => p.offset <= replayUntil)) second.replay(p);
      const after = admitAll(
        second,
        points.filter((p) => p.offset > replayUntil),
      );
      const key = (p: StoredPoint) => `${p.name} ${p.step}`;
      expect([...before, ...after].map(key).sort()).toEqual(whole.map(key).sort());
    }
  });
});
