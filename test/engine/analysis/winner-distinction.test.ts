/**
 * Whether the best trial is distinguishable from the next ones: the pairing over shared runs,
 * the ranking, and the sentence `best` prints.
 */
import { describe, expect, it } from 'vitest';
import { distinguishWinner, type TrialRunValues } from '../../../src/engine/analysis/winner-distinction.js';
import { winnerStatement } from '../../../src/engine/analysis/winner-statement.js';

const show = (value: number) => String(Number(value.toPrecision(4)));

/** A trial whose run `fold i` scored values[i]. */
function trial(id: number, values: readonly number[], keys = values.map((_, i) => `fold ${i}`)): TrialRunValues {
  return { id, runs: new Map(values.map((value, i) => [keys[i], value])) };
}

const ahead = (by: number) => [0.9, 0.91, 0.92, 0.93, 0.94, 0.95, 0.96, 0.97].map((v) => v + by);

describe('distinguishWinner', () => {
  it('a trial better on every one of 8 shared runs is distinguishable (exact p = 2/256)', () => {
    const verdict = distinguishWinner([trial(4, ahead(0)), trial(12, ahead(0.01))], 'maximize');
    expect(verdict.best?.id).toBe(12);
    expect(verdict.rivals).toMatchObject([{ id: 4, sharedRuns: 8, verdict: 'distinguishable', test: { p: 2 / 256, method: 'exact' } }]);
    expect(winnerStatement(verdict, show)).toBe(
      'best #12: 0.945 ± 0.02291; distinguishable from #4 (p = 0.0078) — Wilcoxon signed-rank over shared runs, exact, α = 0.05',
    );
  });

  it('minimising, the lowest mean wins', () => {
    const verdict = distinguishWinner([trial(4, ahead(0)), trial(12, ahead(0.01))], 'minimize');
    expect(verdict.best?.id).toBe(4);
  });

  it('a trial better on some runs and worse on others is not distinguishable, and the next three are each judged', () => {
    const best = [0.95, 0.94, 0.96, 0.95, 0.97, 0.93, 0.96, 0.95];
    const mixed = (id: number, by: readonly number[]) =>
      trial(
        id,
        best.map((v, i) => v - by[i]),
      );
    const verdict = distinguishWinner(
      [
        trial(12, best),
        mixed(4, [0.01, -0.02, 0.03, 0.004, -0.005, 0.006, 0.007, -0.008]),
        mixed(9, [0.02, -0.01, 0.03, -0.04, 0.05, 0.006, -0.007, 0.008]),
        mixed(7, [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]),
        mixed(2, [0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2]),
      ],
      'maximize',
    );
    expect(verdict.rivals.map((r) => [r.id, r.verdict])).toEqual([
      [4, 'not-distinguishable'],
      [9, 'not-distinguishable'],
      [7, 'distinguishable'],
    ]);
    expect(winnerStatement(verdict, show)).toMatch(
      /^best #12: 0\.9512 ± 0\.01166; not distinguishable from #4 \(p = 0\.\d+\), #9 \(p = 0\.\d+\); distinguishable from #7 \(p = 0\.0078\) — Wilcoxon signed-rank over shared runs, exact, α = 0\.05$/,
    );
  });

  it('pairs only the runs both trials have, and says too few when fewer than the test needs to reach α', () => {
    const verdict = distinguishWinner(
      [trial(12, ahead(0.01)), trial(4, [0.9, 0.91, 0.92], ['fold 0', 'fold 9', 'fold 2']), trial(9, ahead(0).slice(0, 5))],
      'maximize',
    );
    expect(verdict.rivals).toMatchObject([
      { id: 9, sharedRuns: 5, verdict: 'too-few-shared-runs' },
      { id: 4, sharedRuns: 2, verdict: 'too-few-shared-runs' },
    ]);
    // Two-sided, no sample of 5 can give p below 2/32 = 0.0625: 6 runs are the fewest that can reach 0.05.
    expect(verdict.neededRuns).toBe(6);
    expect(winnerStatement(verdict, show)).toBe(
      'best #12: 0.945 ± 0.02291; too few shared runs to tell from #9 (5), #4 (2) — the paired test needs 6 at α = 0.05',
    );
  });

  it('runs on the same values give p = 1: not distinguishable, and the sentence says no run differs', () => {
    const verdict = distinguishWinner([trial(3, ahead(0)), trial(5, ahead(0))], 'maximize');
    expect(verdict.rivals).toMatchObject([{ id: 5, verdict: 'not-distinguishable', test: { p: 1, n: 0 } }]);
    expect(winnerStatement(verdict, show)).toContain('not distinguishable from #5 (no shared run differs)');
  });

  it('equal combined means: the lower id is best, as everywhere else in sweeptop', () => {
    // Binary fractions: their sums are exact in any order, so the means are truly equal.
    const a = [0.25, 0.5, 0.75, 1, 0.125, 0.375];
    const verdict = distinguishWinner([trial(8, [...a].reverse()), trial(3, a)], 'maximize');
    expect(verdict.best?.id).toBe(3);
    expect(verdict.rivals.map((r) => r.id)).toEqual([8]);
  });

  it('differences equal in decimals but not in binary rank as ties; SciPy would rank them apart', () => {
    // 0.2 − 0.1 and 0.3 − 0.2 differ in the last bits of their doubles.
    expect(0.2 - 0.1).not.toBe(0.3 - 0.2);
    const verdict = distinguishWinner(
      [trial(1, [0.2, 0.3, 0.96, 0.97, 0.98, 0.99]), trial(2, [0.1, 0.2, 0.95, 0.95, 0.95, 0.95])],
      'maximize',
    );
    expect(verdict.rivals[0]).toMatchObject({ test: { ties: true } });
  });

  it('with fewer than two trials there is nothing to compare', () => {
    expect(winnerStatement(distinguishWinner([trial(12, ahead(0))], 'maximize'), show)).toBe(
      'best #12: 0.935 ± 0.02291; no other trial to compare with',
    );
    expect(winnerStatement(distinguishWinner([], 'maximize'), show)).toBe('no trial has run values yet');
  });

  it('a run that diverged (NaN) is left out of the pairs, and its trial ranks last', () => {
    const verdict = distinguishWinner([trial(1, [...ahead(0.02).slice(0, 7), Number.NaN]), trial(2, ahead(0))], 'maximize');
    expect(verdict.best?.id).toBe(2);
    expect(verdict.rivals).toMatchObject([{ id: 1, sharedRuns: 7 }]);
  });

  it('names each method when the comparisons used different ones', () => {
    const many = Array.from({ length: 60 }, (_, i) => 0.5 + i / 100);
    const verdict = distinguishWinner(
      [
        trial(
          1,
          many.map((v) => v + 0.01),
        ),
        trial(2, many),
        trial(3, many.slice(0, 8)),
      ],
      'maximize',
    );
    expect(winnerStatement(verdict, show)).toMatch(
      /— Wilcoxon signed-rank over shared runs, normal approximation for #2, exact for #3, α = 0\.05$/,
    );
  });
});
