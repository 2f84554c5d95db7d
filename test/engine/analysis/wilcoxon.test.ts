/**
 * The Wilcoxon signed-rank test: small cases worked by hand, then SciPy's own results as
 * recorded in wilcoxon-reference.json (wilcoxon-scipy.process.test.ts runs SciPy itself).
 */
import { describe, expect, it } from 'vitest';
import { signedRankTest } from '../../../src/engine/analysis/wilcoxon.js';
import { COMMITTED, expectLikeScipy } from './scipy-reference.js';

describe('signedRankTest, by hand', () => {
  it('five positive differences: the exact p is 2/32, the smallest a two-sided test of five can give', () => {
    expect(signedRankTest([0.1, 0.2, 0.3, 0.4, 0.5])).toEqual({ statistic: 0, p: 2 / 32, n: 5, zeros: 0, ties: false, method: 'exact' });
  });

  it('one negative among five: R− = 2, and 3 of the 32 sign patterns give a sum ≤ 2 ({}, {1}, {2})', () => {
    expect(signedRankTest([1, -2, 3, 4, 5])).toMatchObject({ statistic: 2, p: 6 / 32, method: 'exact' });
  });

  it('the sign of every difference flipped gives the same p', () => {
    expect(signedRankTest([-1, 2, -3, -4, -5]).p).toBe(6 / 32);
  });

  it('ties among few differences keep the exact distribution, over the tied ranks', () => {
    // Ranks 2.5, 2.5, 2.5, 2.5, 5: only all-positive reaches R+ = 15, so p = 2/32 still; the
    // normal approximation would claim p ≈ 0.041.
    expect(signedRankTest([2, 2, 2, 2, 3])).toMatchObject({ statistic: 0, p: 2 / 32, n: 5, ties: true, method: 'exact' });
  });

  it('zero differences are dropped: three positive left of five, p = 2/8', () => {
    expect(signedRankTest([0, 0, 1, 2, 3])).toMatchObject({ statistic: 0, p: 2 / 8, n: 3, zeros: 2, method: 'exact' });
  });

  it('all differences zero: nothing to test, p = 1 and n = 0', () => {
    expect(signedRankTest([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])).toMatchObject({ p: 1, n: 0, zeros: 16 });
    expect(signedRankTest([])).toMatchObject({ p: 1, n: 0, zeros: 0 });
  });

  it('exact up to 50 pairs without ties or zeros, the normal approximation beyond', () => {
    const distinct = (n: number) => Array.from({ length: n }, (_, i) => (i + 1) * (i % 3 === 0 ? -1 : 1));
    expect(signedRankTest(distinct(50)).method).toBe('exact');
    expect(signedRankTest(distinct(51)).method).toBe('normal');
  });

  it('with ties or zeros, exact up to 13 pairs (zeros counted), the normal approximation beyond', () => {
    expect(signedRankTest([1, 1, ...Array.from({ length: 11 }, (_, i) => i + 2)]).method).toBe('exact');
    expect(signedRankTest([1, 1, ...Array.from({ length: 12 }, (_, i) => i + 2)]).method).toBe('normal');
    expect(signedRankTest([0, ...Array.from({ length: 13 }, (_, i) => i + 1)])).toMatchObject({ n: 13, method: 'normal' });
  });

  it('refuses a difference that is not a finite number', () => {
    expect(() => signedRankTest([1, Number.NaN])).toThrow(/finite/);
  });
});

describe(`signedRankTest against SciPy ${COMMITTED.scipy}'s recorded results`, () => {
  it('gives the same statistic and p-value on every recorded case', () => {
    expect(COMMITTED.cases.length).toBeGreaterThan(10);
    expectLikeScipy(COMMITTED);
  });
});
