import { describe, expect, it } from 'vitest';
import { randomSearchWithCompute, type ScoreTable, simulateBudgetSweep } from '../../bench/budget-halving/simulate.js';

const LEVELS = [1 / 9, 1 / 3, 1];

/** `count` configurations whose score at every level is their index: the last is best everywhere. */
function rankedTable(count: number): ScoreTable {
  return { levels: LEVELS, scores: Array.from({ length: count }, (_, i) => LEVELS.map(() => i)), goal: 'maximize' };
}

/** The most runs in progress at any moment (a run ending at t frees its slot before one starting at t). */
function peakConcurrency(runs: { start: number; end: number }[]): number {
  const edges = runs.flatMap((r) => [
    { t: r.start, d: 1 },
    { t: r.end, d: -1 },
  ]);
  edges.sort((a, b) => a.t - b.t || a.d - b.d);
  let now = 0;
  let peak = 0;
  for (const { d } of edges) peak = Math.max(peak, (now += d));
  return peak;
}

const order = (n: number) => Array.from({ length: n }, (_, i) => (i * 7) % n);

describe('simulateBudgetSweep', () => {
  it.each(['asha', 'hyperband'] as const)(
    '%s: never runs more than the workers at once, and keeps every worker busy at the start',
    (schedule) => {
      const outcome = simulateBudgetSweep(rankedTable(27), { schedule, reductionFactor: 3, workers: 4, order: order(27) });
      expect(peakConcurrency(outcome.runs)).toBe(4);
      expect(outcome.runs.filter((r) => r.start === 0)).toHaveLength(4);
    },
  );

  it('counts compute as the sum of the budgets run, and wall time as when the last run ended', () => {
    const outcome = simulateBudgetSweep(rankedTable(9), { schedule: 'asha', reductionFactor: 3, workers: 2, order: order(9) });
    const budgets = outcome.runs.reduce((sum, r) => sum + (r.end - r.start), 0);
    expect(outcome.compute).toBeCloseTo(budgets, 12);
    expect(outcome.wallTime).toBe(Math.max(...outcome.runs.map((r) => r.end)));
    // two workers cannot do it faster than half the compute
    expect(outcome.wallTime).toBeGreaterThanOrEqual(outcome.compute / 2 - 1e-12);
  });

  it('one worker runs everything back to back: wall time equals compute', () => {
    const outcome = simulateBudgetSweep(rankedTable(9), { schedule: 'asha', reductionFactor: 3, workers: 1, order: order(9) });
    expect(outcome.wallTime).toBeCloseTo(outcome.compute, 12);
    const sorted = [...outcome.runs].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i].start).toBeCloseTo(sorted[i - 1].end, 12);
  });

  it('a run gives the score recorded for its configuration at its level', () => {
    const table: ScoreTable = { levels: LEVELS, scores: Array.from({ length: 9 }, (_, i) => [i, 100 + i, 1000 + i]), goal: 'maximize' };
    const outcome = simulateBudgetSweep(table, { schedule: 'asha', reductionFactor: 3, workers: 3, order: order(9) });
    expect(outcome.best).toBe(1008);
    expect(outcome.completed).toContain(8);
  });

  it.each(['asha', 'hyperband'] as const)(
    '%s: every configuration ends at the top or with a reason, and the best one reaches the top',
    (schedule) => {
      const outcome = simulateBudgetSweep(rankedTable(30), { schedule, reductionFactor: 3, workers: 3, order: order(30) });
      const ended = new Set([...outcome.completed, ...outcome.notPromoted.map((n) => n.config)]);
      expect(ended.size).toBe(30);
      expect(outcome.completed).toContain(29);
      expect(outcome.best).toBe(29);
      for (const { reason } of outcome.notPromoted) expect(reason).toMatch(/^not promoted at budget /);
    },
  );

  it('asha starts every configuration at the lowest level', () => {
    const outcome = simulateBudgetSweep(rankedTable(12), { schedule: 'asha', reductionFactor: 3, workers: 2, order: order(12) });
    const first = new Map<number, number>();
    for (const run of outcome.runs) if (!first.has(run.config)) first.set(run.config, run.level);
    expect([...first.values()].every((level) => level === 0)).toBe(true);
    expect(first.size).toBe(12);
  });
});

describe('randomSearchWithCompute', () => {
  const table = rankedTable(10);
  it('runs as many configurations at full budget as the compute pays for, in order', () => {
    expect(randomSearchWithCompute(table, [3, 9, 1, 0], 2.5)).toEqual({ configs: 2, best: 9 });
    expect(randomSearchWithCompute(table, [3, 9, 1, 0], 3)).toEqual({ configs: 3, best: 9 });
  });
  it('runs at least one, and never more than the order holds', () => {
    expect(randomSearchWithCompute(table, [4, 2], 0.2)).toEqual({ configs: 1, best: 4 });
    expect(randomSearchWithCompute(table, [4, 2], 50)).toEqual({ configs: 2, best: 4 });
  });
});
