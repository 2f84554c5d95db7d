/**
 * The Wilcoxon signed-rank test for paired samples, two-sided, given the pairs' differences.
 *
 * It follows SciPy's `scipy.stats.wilcoxon` with its defaults (SciPy ≥ 1.15: zero_method
 * 'wilcox', no continuity correction, method 'auto'), so that a p-value sweeptop prints is one a
 * reader can reproduce:
 *
 * - zero differences are dropped (Wilcoxon's way); the rest are ranked by magnitude, ties taking
 *   their average rank; the statistic is the smaller of the positive and the negative rank sums;
 * - the p-value is exact — every one of the 2^n sign patterns counted — for up to 50 pairs
 *   without ties or zeros, and for up to 13 pairs (zeros counted) with them: with ties the
 *   distribution is that of the tied ranks, which is what SciPy's permutation test enumerates;
 * - otherwise it is the normal approximation, its variance corrected for ties.
 *
 * `method` says which, for a caller to state; with no non-zero difference there is nothing to
 * test, and p is 1 with n = 0.
 */
import { ndtr } from '../../plugin-api/normal.js';

export interface SignedRankResult {
  /** The smaller of the positive and the negative differences' rank sums. */
  statistic: number;
  /** Two-sided p-value. */
  p: number;
  /** Non-zero differences: the pairs the test ranks. */
  n: number;
  /** Zero differences, dropped before ranking. */
  zeros: number;
  /** Whether two non-zero differences have the same magnitude. */
  ties: boolean;
  method: 'exact' | 'normal';
}

/** Without ties or zeros, SciPy counts sign patterns up to this many pairs. */
const EXACT_MAX_PAIRS = 50;
/** With ties or zeros, SciPy enumerates sign flips while 2^n stays under its 9,999 resamples. */
const EXACT_MAX_PAIRS_WITH_TIES = 13;

export function signedRankTest(differences: readonly number[]): SignedRankResult {
  if (!differences.every(Number.isFinite)) throw new RangeError('signed-rank test: every difference must be a finite number');
  const nonZero = differences.filter((d) => d !== 0);
  const zeros = differences.length - nonZero.length;
  const n = nonZero.length;
  // Average ranks are multiples of ½: doubled, every sum below is an exact integer.
  const { doubledRanks, ties } = doubledAverageRanks(nonZero.map(Math.abs));
  let doubledPlus = 0;
  nonZero.forEach((d, i) => {
    if (d > 0) doubledPlus += doubledRanks[i];
  });
  const doubledTotal = n * (n + 1);
  const statistic = Math.min(doubledPlus, doubledTotal - doubledPlus) / 2;
  if (n === 0) return { statistic: 0, p: 1, n, zeros, ties, method: 'exact' };

  const exact = ties || zeros > 0 ? differences.length <= EXACT_MAX_PAIRS_WITH_TIES : n <= EXACT_MAX_PAIRS;
  if (exact) {
    const p = exactTwoSidedP(doubledRanks, doubledPlus);
    return { statistic, p, n, zeros, ties, method: 'exact' };
  }
  return { statistic, p: normalTwoSidedP(n, doubledPlus / 2, doubledRanks), n, zeros, ties, method: 'normal' };
}

/** Twice each value's average rank among `values` (1-based), and whether any two are equal. */
function doubledAverageRanks(values: readonly number[]): { doubledRanks: number[]; ties: boolean } {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const doubledRanks = new Array<number>(values.length);
  let ties = false;
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && values[order[end]] === values[order[start]]) end++;
    if (end - start > 1) ties = true;
    // Positions start..end-1 hold ranks start+1..end; twice their average is start+1+end.
    for (let k = start; k < end; k++) doubledRanks[order[k]] = start + 1 + end;
    start = end;
  }
  return { doubledRanks, ties };
}

/**
 * How many of the 2^n sign patterns give each doubled positive rank sum, counted by adding one
 * rank at a time (a subset-sum count); then twice the smaller tail at the observed sum.
 */
function exactTwoSidedP(doubledRanks: readonly number[], observed: number): number {
  const total = doubledRanks.reduce((sum, r) => sum + r, 0);
  let ways = new Float64Array(total + 1);
  ways[0] = 1;
  let reach = 0;
  for (const rank of doubledRanks) {
    const next = ways.slice();
    for (let sum = 0; sum <= reach; sum++) next[sum + rank] += ways[sum];
    ways = next;
    reach += rank;
  }
  // At most 2^50 patterns: every count is an exact double.
  let atMost = 0;
  let atLeast = 0;
  for (let sum = 0; sum <= total; sum++) {
    if (sum <= observed) atMost += ways[sum];
    if (sum >= observed) atLeast += ways[sum];
  }
  const patterns = 2 ** doubledRanks.length;
  return Math.min(1, (2 * Math.min(atMost, atLeast)) / patterns);
}

/** The normal approximation to R+, its variance reduced by Σ(t³ − t)/48 over groups of t tied ranks. */
function normalTwoSidedP(n: number, rankPlus: number, doubledRanks: readonly number[]): number {
  const groupSizes = new Map<number, number>();
  for (const rank of doubledRanks) groupSizes.set(rank, (groupSizes.get(rank) ?? 0) + 1);
  let tieCorrection = 0;
  for (const t of groupSizes.values()) tieCorrection += t ** 3 - t;
  const mean = (n * (n + 1)) / 4;
  const sd = Math.sqrt((n * (n + 1) * (2 * n + 1) - tieCorrection / 2) / 24);
  const z = (rankPlus - mean) / sd;
  return Math.min(1, 2 * ndtr(-Math.abs(z)));
}
