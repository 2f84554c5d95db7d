import { describe, expect, it } from 'vitest';
import { erf, erfc, logNdtr, ndtr, ndtri } from '../../../../src/plugin-api/normal.js';
import { logGaussMass, truncatedStandardNormalQuantile } from '../../../../plugins/samplers/tpe/truncated-normal.js';

/** Relative closeness, for values spanning hundreds of orders of magnitude. */
function expectRelative(actual: number, expected: number, tolerance = 1e-13): void {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(tolerance);
}

// Reference values computed with mpmath at 40 digits.
describe('normal special functions', () => {
  it('erf and erfc match high-precision values, deep into the tail', () => {
    expectRelative(erf(0.5), 0.52049987781304654);
    expectRelative(erf(1), 0.84270079294971487);
    expectRelative(erf(-2), -0.99532226501895273);
    expectRelative(erfc(0.3), 0.67137324054087258);
    expectRelative(erfc(1), 0.15729920705028513);
    expectRelative(erfc(3), 2.2090496998585441e-5, 1e-12);
    expectRelative(erfc(5), 1.5374597944280349e-12, 1e-12);
    expectRelative(erfc(10), 2.0884875837625448e-45, 1e-12);
    expectRelative(erfc(26), 5.6631924088561428e-296, 1e-11);
    expect(erfc(-3)).toBeCloseTo(2 - 2.2090496998585441e-5, 15);
  });

  it('log Φ stays finite and exact where Φ underflows', () => {
    expectRelative(logNdtr(-1), -1.8410216450092635);
    expectRelative(logNdtr(-10), -53.231285150512471);
    expectRelative(logNdtr(-20), -203.91715537109726);
    expectRelative(logNdtr(-40), -804.60844201375379);
    expectRelative(logNdtr(-100), -5005.5242086942051);
    expect(logNdtr(10)).toBeCloseTo(-7.619853024160527e-24, 30);
  });

  it('Φ⁻¹ inverts Φ to machine precision across the range', () => {
    for (const p of [1e-300, 1e-20, 1e-5, 0.01, 0.3, 0.5, 0.77, 0.99, 1 - 1e-10]) {
      expectRelative(ndtr(ndtri(p)), p, 1e-9);
    }
    expect(ndtri(0)).toBe(-Infinity);
    expect(ndtri(1)).toBe(Infinity);
    expect(ndtri(0.5)).toBeCloseTo(0, 15);
  });

  it('the log-mass of an interval is exact in both tails and in the middle', () => {
    expectRelative(logGaussMass(-31, -30), -454.32124395634325, 1e-12);
    expectRelative(logGaussMass(30, 31), -454.32124395634325, 1e-12);
    expectRelative(logGaussMass(-1, 2), -0.20016629432446258, 1e-12);
    expect(logGaussMass(1, 1)).toBe(-Infinity);
  });

  it('truncated quantiles stay in [a, b], are monotone, and split the mass as asked', () => {
    for (const [a, b] of [
      [-1, 2],
      [-40, 0.5],
      [3, 50],
      [-60, -35],
    ]) {
      let previous = -Infinity;
      for (const u of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999999]) {
        const x = truncatedStandardNormalQuantile(a, b, u);
        expect(x).toBeGreaterThanOrEqual(a);
        expect(x).toBeLessThanOrEqual(b);
        expect(x).toBeGreaterThanOrEqual(previous);
        previous = x;
      }
    }
    // The median of N(0,1) truncated to [-1, 2] splits its mass in half.
    const median = truncatedStandardNormalQuantile(-1, 2, 0.5);
    expect(Math.exp(logGaussMass(-1, median) - logGaussMass(-1, 2))).toBeCloseTo(0.5, 12);
    const tail = truncatedStandardNormalQuantile(3, 50, 0.5);
    expect(Math.exp(logGaussMass(3, tail) - logGaussMass(3, 50))).toBeCloseTo(0.5, 9);
  });
});
