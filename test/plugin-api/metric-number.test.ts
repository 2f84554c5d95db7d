import { describe, expect, it } from 'vitest';
import { parseMetricNumber } from '../../src/plugin-api/metric-number.js';
import { PointCollector } from '../../src/engine/metrics/point-collector.js';

describe('parseMetricNumber', () => {
  it('reads the numbers training scripts print', () => {
    expect(['0.41', '-1.2e-05', '1E4', '.5', '3.', '+2'].map(parseMetricNumber)).toEqual([0.41, -1.2e-5, 1e4, 0.5, 3, 2]);
    expect(['nan', 'NaN', '-nan', 'inf', '-inf', 'Infinity', '-Infinity', 'INF'].map(parseMetricNumber)).toEqual([
      NaN,
      NaN,
      NaN,
      Infinity,
      -Infinity,
      Infinity,
      -Infinity,
      Infinity,
    ]);
  });

  it('rejects ids, hex, locales and empty text', () => {
    expect(['', '0x10', '1_000', '1,5', '2.1.0', 'e5', 'nanx', ' 1'].map(parseMetricNumber)).toEqual(Array(8).fill(undefined));
  });
});

describe('PointCollector', () => {
  it('keeps one point per (name, step) with the last value, where it first appeared', () => {
    const c = new PointCollector();
    c.see({ name: 'loss', step: 1, value: 0.9 });
    c.add({ name: 'acc', step: 1, value: 0.5 });
    c.add({ name: 'loss', step: 1, value: 0.7 });
    c.add({ name: 'acc', step: null, value: 0.6 });
    c.add({ name: 'acc', step: 1, value: 0.55 });
    c.see({ name: 'never', step: 2, value: 1 });
    expect(c.points).toEqual([
      { name: 'loss', step: 1, value: 0.7 },
      { name: 'acc', step: 1, value: 0.55 },
      { name: 'acc', step: null, value: 0.6 },
    ]);
  });
});
