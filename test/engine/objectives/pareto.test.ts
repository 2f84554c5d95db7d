import { describe, expect, it } from 'vitest';
import { nonDominatedRanks, paretoFront, type ObjectivePoint } from '../../../src/engine/objectives/pareto.js';

const point = (id: number, ...values: Array<number | null>): ObjectivePoint => ({ id, values });

describe('paretoFront: the trials no other trial dominates', () => {
  it('keeps the trade-offs and drops a trial worse in both objectives (accuracy up, latency down)', () => {
    const points = [point(1, 0.9, 30), point(2, 0.95, 50), point(3, 0.85, 10), point(4, 0.88, 40), point(5, 0.95, 60)];
    // 4 is beaten by 1 (more accurate and faster); 5 by 2 (as accurate, faster)
    expect(paretoFront(points, ['maximize', 'minimize'])).toEqual([1, 2, 3]);
  });

  it('reads each goal: the same values minimised in both give another front', () => {
    const points = [point(1, 0.9, 30), point(2, 0.95, 50), point(3, 0.85, 10), point(4, 0.88, 40)];
    expect(paretoFront(points, ['minimize', 'minimize'])).toEqual([3]);
    expect(paretoFront(points, ['maximize', 'maximize'])).toEqual([2]);
  });

  it('keeps both of two trials with equal values: neither dominates the other', () => {
    const points = [point(1, 0.9, 30), point(2, 0.9, 30), point(3, 0.8, 30)];
    expect(paretoFront(points, ['maximize', 'minimize'])).toEqual([1, 2]);
  });

  it('drops a trial equal in one objective and worse in the other', () => {
    expect(paretoFront([point(1, 0.9, 30), point(2, 0.9, 31)], ['maximize', 'minimize'])).toEqual([1]);
  });

  it('leaves out a trial missing an objective or with NaN, even one that would be best in the other', () => {
    const points = [point(1, 0.9, 30), point(2, 0.99, null), point(3, Number.NaN, 1), point(4, 0.5)];
    expect(paretoFront(points, ['maximize', 'minimize'])).toEqual([1]);
    expect(nonDominatedRanks(points, ['maximize', 'minimize']).map((r) => r.id)).toEqual([1]);
  });

  it('has no front without a complete trial', () => {
    expect(paretoFront([], ['minimize', 'minimize'])).toEqual([]);
    expect(paretoFront([point(1, null, 2)], ['minimize', 'minimize'])).toEqual([]);
  });

  it('with one objective is the best trial, ties included', () => {
    expect(paretoFront([point(1, 3), point(2, 1), point(3, 1)], ['minimize'])).toEqual([2, 3]);
  });

  it('ranks the fronts below the first (non-dominated sorting)', () => {
    const points = [point(1, 1, 1), point(2, 2, 2), point(3, 3, 3), point(4, 1, 3), point(5, 3, 1)];
    const ranks = Object.fromEntries(nonDominatedRanks(points, ['minimize', 'minimize']).map((r) => [r.id, r.rank]));
    expect(ranks).toEqual({ 1: 0, 2: 1, 4: 1, 5: 1, 3: 2 });
  });

  it('agrees with the definition on random points in three objectives, checked pair by pair', () => {
    let seed = 7;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const goals = ['minimize', 'maximize', 'minimize'] as const;
    for (let round = 0; round < 20; round++) {
      // few distinct values, so ties in one objective are common
      const points = Array.from({ length: 40 }, (_, i) => point(i, ...goals.map(() => Math.floor(next() * 6))));
      const better = (a: number, b: number, g: (typeof goals)[number]) => (g === 'minimize' ? a < b : a > b);
      const dominates = (a: ObjectivePoint, b: ObjectivePoint) =>
        goals.every((g, k) => !better(b.values[k]!, a.values[k]!, g)) && goals.some((g, k) => better(a.values[k]!, b.values[k]!, g));
      const expected = points.filter((p) => !points.some((q) => dominates(q, p))).map((p) => p.id);
      expect(paretoFront(points, [...goals])).toEqual(expected);
    }
  });

  it('is the first rank of the non-dominated sorting, with duplicates, infinities and missing values', () => {
    let seed = 11;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const goals = ['maximize', 'minimize'] as const;
    const values = [0, 1, 2, 3, Infinity, -Infinity, Number.NaN, null];
    for (let round = 0; round < 50; round++) {
      const points = Array.from({ length: 60 }, (_, i) => ({ id: i, values: goals.map(() => values[Math.floor(next() * values.length)]) }));
      const ranked = nonDominatedRanks(points, [...goals]).filter((r) => r.rank === 0);
      expect(paretoFront(points, [...goals])).toEqual(ranked.map((r) => r.id));
    }
  });
});
