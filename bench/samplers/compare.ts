/**
 * How two samplers' results over many seeds are compared: quartiles of the best value at a trial,
 * a rank test over final bests, and how often a 20-seed check would call one at least as good.
 */
import { ndtr } from '../../src/plugin-api/normal.js';

export function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const below = Math.floor(at);
  return sorted[below] + (sorted[Math.min(below + 1, sorted.length - 1)] - sorted[below]) * (at - below);
}

export interface Quartiles {
  median: number;
  q1: number;
  q3: number;
}

/** Over seeds: the best value after `trial` trials. */
export function quartilesAt(curves: readonly number[][], trial: number): Quartiles {
  const values = curves.map((curve) => curve[Math.min(trial, curve.length) - 1]).sort((a, b) => a - b);
  return { median: quantile(values, 0.5), q1: quantile(values, 0.25), q3: quantile(values, 0.75) };
}

export const finals = (curves: readonly number[][]): number[] => curves.map((curve) => curve[curve.length - 1]);

/**
 * Mann–Whitney U: the share of (ours, theirs) seed pairs in which ours is lower, and the two-sided
 * p-value of "neither tends lower" (normal approximation), so that a median difference the seeds
 * cannot resolve is not read as a verdict.
 */
export function rankTest(ours: readonly number[], theirs: readonly number[]): { share: number; p: number } {
  const all = [...ours.map((v) => ({ v, ours: true })), ...theirs.map((v) => ({ v, ours: false }))].sort((a, b) => a.v - b.v);
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j + 1 < all.length && all[j + 1].v === all[i].v) j++;
    for (let t = i; t <= j; t++) if (all[t].ours) rankSum += (i + j) / 2 + 1;
    i = j + 1;
  }
  const [n1, n2] = [ours.length, theirs.length];
  const u = rankSum - (n1 * (n1 + 1)) / 2; // pairs in which ours is the higher (worse)
  const z = (u - (n1 * n2) / 2) / Math.sqrt((n1 * n2 * (n1 + n2 + 1)) / 12);
  return { share: 1 - u / (n1 * n2), p: 2 * ndtr(-Math.abs(z)) };
}

const blockMedians = (values: readonly number[], size: number): number[] =>
  Array.from({ length: Math.floor(values.length / size) }, (_, b) =>
    quantile(
      values.slice(b * size, (b + 1) * size).sort((x, y) => x - y),
      0.5,
    ),
  );

/**
 * Cuts the seeds into blocks of `size` and counts the blocks in which our median is at least as
 * good (low) as theirs; and, as the yardstick, the pairs of neighbouring blocks (0 and 1, 2 and
 * 3, …) in which their median is at least as good as their own in the next block. Two equal
 * samplers pass such a check about as often as they fail it.
 */
export function blockChecks(ours: readonly number[], theirs: readonly number[], size: number) {
  const [mine, their] = [blockMedians(ours, size), blockMedians(theirs, size)];
  const pairs = Math.floor(their.length / 2);
  return {
    blocks: mine.length,
    oursAtLeastAsGood: mine.filter((m, b) => m <= their[b]).length,
    pairs,
    theirsAtLeastAsGoodAsNext: Array.from({ length: pairs }, (_, k) => their[2 * k] <= their[2 * k + 1]).filter(Boolean).length,
  };
}
