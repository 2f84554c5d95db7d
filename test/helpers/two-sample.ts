/**
 * Two-sample tests: do two samples come from the same distribution? Used to compare sweeptop's
 * samplers with a reference implementation whose random numbers cannot be shared.
 */
import { ndtr } from '../../src/plugin-api/normal.js';

/** Kolmogorov–Smirnov, for continuous values: the largest CDF gap, and its asymptotic p-value. */
export function kolmogorovSmirnov(a: readonly number[], b: readonly number[]): { statistic: number; p: number } {
  const x = [...a].sort((s, t) => s - t);
  const y = [...b].sort((s, t) => s - t);
  let [i, j, statistic] = [0, 0, 0];
  while (i < x.length && j < y.length) {
    const value = Math.min(x[i], y[j]);
    while (i < x.length && x[i] === value) i++;
    while (j < y.length && y[j] === value) j++;
    statistic = Math.max(statistic, Math.abs(i / x.length - j / y.length));
  }
  const n = (x.length * y.length) / (x.length + y.length);
  const lambda = (Math.sqrt(n) + 0.12 + 0.11 / Math.sqrt(n)) * statistic;
  // The series converges slowly for small λ, where the p-value is 1 to five places anyway.
  if (lambda < 0.3) return { statistic, p: 1 };
  let p = 0;
  for (let k = 1; k <= 100; k++) p += 2 * (-1) ** (k - 1) * Math.exp(-2 * k * k * lambda * lambda);
  return { statistic, p: Math.min(1, Math.max(0, p)) };
}

/**
 * Chi-squared test of homogeneity, for discrete values (ints, choices). Values expected fewer
 * than 5 times are pooled into one cell, as the approximation needs; the p-value uses the
 * Wilson–Hilferty transform of the chi-squared distribution.
 */
export function chiSquared(a: readonly unknown[], b: readonly unknown[]): { statistic: number; p: number } {
  const counts = new Map<string, [number, number]>();
  const add = (value: unknown, side: 0 | 1) => {
    const key = JSON.stringify(value);
    const cell = counts.get(key) ?? [0, 0];
    cell[side]++;
    counts.set(key, cell);
  };
  a.forEach((v) => add(v, 0));
  b.forEach((v) => add(v, 1));
  const share = a.length / (a.length + b.length);
  const cells: [number, number][] = [];
  const pooled: [number, number] = [0, 0];
  for (const cell of counts.values()) {
    const total = cell[0] + cell[1];
    if (total * Math.min(share, 1 - share) < 5) [pooled[0], pooled[1]] = [pooled[0] + cell[0], pooled[1] + cell[1]];
    else cells.push(cell);
  }
  if (pooled[0] + pooled[1] > 0) cells.push(pooled);
  const freedom = cells.length - 1;
  if (freedom < 1) return { statistic: 0, p: 1 };
  let statistic = 0;
  for (const [x, y] of cells) {
    const total = x + y;
    statistic += (x - total * share) ** 2 / (total * share) + (y - total * (1 - share)) ** 2 / (total * (1 - share));
  }
  const spread = 2 / (9 * freedom);
  const z = ((statistic / freedom) ** (1 / 3) - (1 - spread)) / Math.sqrt(spread);
  return { statistic, p: ndtr(-z) };
}
