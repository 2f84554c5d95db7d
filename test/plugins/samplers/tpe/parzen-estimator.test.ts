import { describe, expect, it } from 'vitest';
import type { Dimension } from '../../../../plugins/samplers/tpe/dimension.js';
import { ParzenEstimator, type ParzenOptions } from '../../../../plugins/samplers/tpe/parzen-estimator.js';
import { Rng } from '../../../../src/plugin-api/rng.js';

const DEFAULTS: ParzenOptions = {
  priorWeight: 1,
  considerPrior: true,
  considerMagicClip: true,
  considerEndpoints: false,
  multivariate: false,
};

// Independent of the implementation: Φ by Simpson's rule over the normal density.
const phi = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
function normalCdf(z: number): number {
  const from = -12;
  if (z <= from) return 0;
  const n = 4000;
  const h = (z - from) / n;
  let sum = phi(from) + phi(z);
  for (let i = 1; i < n; i++) sum += (i % 2 ? 4 : 2) * phi(from + i * h);
  return (sum * h) / 3;
}

/** Density of N(mu, sigma) truncated to [low, high], by the textbook formula. */
function truncatedDensity(x: number, mu: number, sigma: number, low: number, high: number): number {
  return phi((x - mu) / sigma) / sigma / (normalCdf((high - mu) / sigma) - normalCdf((low - mu) / sigma));
}

function truncatedBucketMass(x: number, half: number, mu: number, sigma: number, low: number, high: number): number {
  const mass = (a: number, b: number) => normalCdf((b - mu) / sigma) - normalCdf((a - mu) / sigma);
  return mass(Math.max(x - half, low), Math.min(x + half, high)) / mass(low, high);
}

describe('ParzenEstimator', () => {
  const unit: Dimension = { kind: 'numeric', low: 0, high: 1, step: null };

  it('matches the hand-computed density of one observation plus the prior', () => {
    // Kernels: the observation at 0.2 and the prior at 0.5. Neighbour gaps give the observation
    // 0.3, which the magic clip raises to 1 / min(100, 1 + 2) = 1/3; the prior spans the range.
    const estimator = new ParzenEstimator([unit], [[0.2]], DEFAULTS);
    const expected = (x: number) => 0.5 * truncatedDensity(x, 0.2, 1 / 3, 0, 1) + 0.5 * truncatedDensity(x, 0.5, 1, 0, 1);
    const xs = [0, 0.2, 0.45, 0.7, 1];
    estimator.logPdf(xs.map((x) => [x])).forEach((logP, i) => expect(logP).toBeCloseTo(Math.log(expected(xs[i])), 9));
  });

  it('integrates to one over its range', () => {
    const observations = [[0.05, 0.1, 0.12, 0.6, 0.9]];
    const estimator = new ParzenEstimator([unit], observations, DEFAULTS);
    const n = 2000;
    const grid = Array.from({ length: n + 1 }, (_, i) => [i / n]);
    const density = estimator.logPdf(grid).map(Math.exp);
    const integral = density.reduce((sum, d, i) => sum + (i === 0 || i === n ? 1 : i % 2 ? 4 : 2) * d, 0) / n / 3;
    expect(integral).toBeCloseTo(1, 6);
  });

  it('gives a stepped value the mass of its bucket, from hand-computed bandwidths', () => {
    // ints 1…5: buckets of width 1 on [0.5, 5.5]. Kernels at 2, 2, 5 and the prior at 3.
    // Sorted with the ends: 0.5 | 2 2 3 5 | 5.5. Gaps: first 2 → 0 (inner gap, endpoints off),
    // second 2 → 1, 5 → 2 (inner gap); the clip floor is 5 / min(100, 5) = 1; the prior gets 5.
    const dimension: Dimension = { kind: 'numeric', low: 0.5, high: 5.5, step: 1 };
    const estimator = new ParzenEstimator([dimension], [[2, 2, 5]], DEFAULTS);
    const kernels: Array<[mu: number, sigma: number]> = [
      [2, 1],
      [2, 1],
      [5, 2],
      [3, 5],
    ];
    const expected = (x: number) => kernels.reduce((sum, [mu, sigma]) => sum + truncatedBucketMass(x, 0.5, mu, sigma, 0.5, 5.5) / 4, 0);
    const values = [1, 2, 3, 4, 5];
    const logP = estimator.logPdf(values.map((x) => [x]));
    logP.forEach((p, i) => expect(p).toBeCloseTo(Math.log(expected(values[i])), 9));
    expect(logP.reduce((sum, p) => sum + Math.exp(p), 0)).toBeCloseTo(1, 12);
  });

  it('leaves out only kernels too far to matter when many are far from a stepped value', () => {
    // 300 observations packed into 1…10 of a 1…100 range: for x = 90 nearly every kernel is
    // hundreds of bandwidths away, and only the prior and the few nearby ones count.
    const rng = new Rng('far');
    const observations = Array.from({ length: 300 }, (_, i) => (i % 50 === 0 ? 85 + (i % 7) : 1 + Math.floor(rng.next() * 10)));
    const estimator = new ParzenEstimator([{ kind: 'numeric', low: 0.5, high: 100.5, step: 1 }], [observations], DEFAULTS);
    const n = observations.length;
    const sorted = [...observations, 50.5].map((mu, k) => ({ mu, k })).sort((a, b) => a.mu - b.mu || a.k - b.k);
    const ends = [0.5, ...sorted.map((s) => s.mu), 100.5];
    const sigma = new Map<number, number>();
    sorted.forEach(({ k }, r) => {
      const gap =
        r === 0 ? ends[2] - ends[1] : r === n ? ends[n + 1] - ends[n] : Math.max(ends[r + 1] - ends[r], ends[r + 2] - ends[r + 1]);
      sigma.set(k, Math.min(Math.max(gap, 100 / 100), 100));
    });
    sigma.set(n, 100);
    const weights = [...Array.from({ length: n - 25 }, (_, i) => 1 / n + ((1 - 1 / n) * i) / (n - 26)), ...new Array(26).fill(1)];
    const total = weights.reduce((a, b) => a + b, 0);
    const mus = [...observations, 50.5];
    const expected = (x: number) =>
      weights.reduce((sum, w, k) => sum + (w / total) * truncatedBucketMass(x, 0.5, mus[k], sigma.get(k)!, 0.5, 100.5), 0);
    for (const x of [1, 5, 60, 90, 100]) expect(estimator.logPdf([[x]])[0]).toBeCloseTo(Math.log(expected(x)), 8);
  });

  it('counts categories per kernel with the prior spread over all of them', () => {
    // Four kernels (three observations and the prior), each putting 1/4 on every category and,
    // for observations, 1 more on their own; rows normalised, then averaged.
    const estimator = new ParzenEstimator([{ kind: 'categorical', size: 3 }], [[0, 0, 2]], DEFAULTS);
    const row = (own: number | null) => [0, 1, 2].map((c) => (0.25 + (c === own ? 1 : 0)) / (own === null ? 0.75 : 1.75));
    const rows = [row(0), row(0), row(2), row(null)];
    const expected = [0, 1, 2].map((c) => rows.reduce((sum, r) => sum + r[c] / 4, 0));
    estimator.logPdf([[0], [1], [2]]).forEach((p, c) => expect(p).toBeCloseTo(Math.log(expected[c]), 12));
  });

  it("uses Scott's rule for a joint model and ramps down the weights of old observations", () => {
    const rng = new Rng('multivariate');
    const observations = Array.from({ length: 30 }, () => [rng.uniform(0, 1), rng.uniform(-5, 5)]);
    const dims: Dimension[] = [unit, { kind: 'numeric', low: -5, high: 5, step: null }];
    const columns = [observations.map((o) => o[0]), observations.map((o) => o[1])];
    const estimator = new ParzenEstimator(dims, columns, { ...DEFAULTS, multivariate: true });
    // 30 observations: the oldest 5 ramp 1/30 … 1, the newest 25 weigh 1, the prior 1.
    const weights = [...Array.from({ length: 5 }, (_, i) => 1 / 30 + ((1 - 1 / 30) * i) / 4), ...new Array(26).fill(1)];
    const total = weights.reduce((a, b) => a + b, 0);
    const sigma = (range: number) => 0.2 * 30 ** (-1 / 6) * range;
    const expected = (point: number[]) =>
      weights.reduce((sum, w, k) => {
        const isPrior = k === 30;
        const kernel = dims.map((d, j) => {
          const { low, high } = d as { low: number; high: number };
          const mu = isPrior ? (low + high) / 2 : observations[k][j];
          return truncatedDensity(point[j], mu, isPrior ? high - low : sigma(high - low), low, high);
        });
        return sum + (w / total) * kernel[0] * kernel[1];
      }, 0);
    const points = [
      [0.1, -4],
      [0.5, 0],
      [0.93, 3.3],
    ];
    estimator.logPdf(points).forEach((p, i) => expect(p).toBeCloseTo(Math.log(expected(points[i])), 8));
  });

  it('scores continuous kernels by their density times their bandwidth (Optuna 3.1)', () => {
    const estimator = new ParzenEstimator([unit], [[0.2]], DEFAULTS);
    const expected = (x: number) => 0.5 * (1 / 3) * truncatedDensity(x, 0.2, 1 / 3, 0, 1) + 0.5 * 1 * truncatedDensity(x, 0.5, 1, 0, 1);
    const xs = [0.1, 0.2, 0.8];
    estimator.logScore(xs.map((x) => [x])).forEach((s, i) => expect(s).toBeCloseTo(Math.log(expected(xs[i])), 9));
  });

  it('samples within the range, distributed as its density says', () => {
    const estimator = new ParzenEstimator([unit], [[0.2]], DEFAULTS);
    const samples = estimator.sample(new Rng('samples'), 20_000).map(([x]) => x);
    expect(samples.every((x) => x >= 0 && x <= 1)).toBe(true);
    const n = 2000;
    const density = estimator.logPdf(Array.from({ length: n }, (_, i) => [(i + 0.5) / n])).map(Math.exp);
    const expectedBelowThird = density.slice(0, Math.round(n / 3)).reduce((a, b) => a + b, 0) / n;
    expect(samples.filter((x) => x < 1 / 3).length / samples.length).toBeCloseTo(expectedBelowThird, 2);
  });

  it('is the prior alone when there are no observations, even without consider_prior', () => {
    const estimator = new ParzenEstimator([unit], [[]], { ...DEFAULTS, considerPrior: false });
    expect(estimator.logPdf([[0.3]])[0]).toBeCloseTo(Math.log(truncatedDensity(0.3, 0.5, 1, 0, 1)), 9);
  });
});
