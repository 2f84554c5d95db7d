import { describe, expect, it } from 'vitest';
import { sobolSampler } from '../../../plugins/samplers/sobol.js';
import { JOE_KUO, MAX_SOBOL_DIMENSIONS } from '../../../plugins/samplers/sobol/direction-numbers.js';
import { ScrambledSobol } from '../../../plugins/samplers/sobol/scrambled-sobol.js';
import { PluginOptionError } from '../../../src/plugin-api/errors.js';
import { Rng } from '../../../src/plugin-api/rng.js';
import type { SearchSpace } from '../../../src/plugin-api/space.js';

/** True when x^(2^s − 1) is the first power of x to return to 1 modulo p: p is primitive. */
function isPrimitive(degree: number, coefficients: number): boolean {
  const polynomial = (1 << degree) | (coefficients << 1) | 1;
  const period = (1 << degree) - 1;
  let power = 1;
  for (let k = 1; k <= period; k++) {
    power <<= 1;
    if (power & (1 << degree)) power ^= polynomial;
    if (power === 1) return k === period;
  }
  return false;
}

/** Each of the first 2^m points' coordinates falls in a different 1/2^m slice of [0, 1). */
function stratified(points: number[][], dimension: number, m: number): boolean {
  const slices = new Set(points.slice(0, 2 ** m).map((p) => Math.floor(p[dimension] * 2 ** m)));
  return slices.size === 2 ** m;
}

describe('Sobol direction numbers', () => {
  it('use the primitive polynomials over GF(2) in order of degree, then coefficients (Joe–Kuo)', () => {
    const expected: Array<[number, number]> = [];
    for (let degree = 1; expected.length < JOE_KUO.length; degree++) {
      for (let a = 0; a < 2 ** (degree - 1) && expected.length < JOE_KUO.length; a++) {
        if (isPrimitive(degree, a)) expected.push([degree, a]);
      }
    }
    expect(JOE_KUO.map((row) => [row.degree, row.coefficients])).toEqual(expected);
    expect(MAX_SOBOL_DIMENSIONS).toBeGreaterThanOrEqual(40);
  });

  it('start from odd direction integers m_k < 2^k, one per degree', () => {
    for (const row of JOE_KUO) {
      expect(row.initial).toHaveLength(row.degree);
      row.initial.forEach((m, k) => {
        expect(m % 2).toBe(1);
        expect(m).toBeLessThan(2 ** (k + 1));
      });
    }
  });

  it("reproduce SciPy's unscrambled 40-dimensional sequence (its point 1000, Gray-code order, is our 1000 ⊕ 500)", () => {
    // scipy.stats.qmc.Sobol(d=40, scramble=False).random(1024)[1000] × 2^32
    const scipy = [
      943718400, 415236096, 2227175424, 2906652672, 1203765248, 3896508416, 197132288, 3862953984, 2151677952, 297795584, 364904448,
      1094713344, 692060160, 1648361472, 616562688, 1589641216, 3091202048, 1480589312, 4257218560, 3116367872, 2243952640, 2361393152,
      4081057792, 2319450112, 2503999488, 3896508416, 171966464, 4206886912, 255852544, 1463812096, 633339904, 624951296, 1270874112,
      2545942528, 3443523584, 3309305856, 3644850176, 3569352704, 1321205760, 2059403264,
    ];
    expect(new ScrambledSobol(40, null).point(1000 ^ 500).map((x) => x * 2 ** 32)).toEqual(scipy);
  });
});

describe('ScrambledSobol', () => {
  it('starts the plain sequence at the textbook points', () => {
    const plain = new ScrambledSobol(2, null);
    expect([0, 1, 2, 3].map((i) => plain.point(i))).toEqual([
      [0, 0],
      [0.5, 0.5],
      [0.25, 0.75],
      [0.75, 0.25],
    ]);
  });

  it('keeps the first 2^m points stratified in every dimension, scrambled or not', () => {
    for (const sequence of [new ScrambledSobol(40, null), new ScrambledSobol(40, new Rng('scramble'))]) {
      const points = Array.from({ length: 1024 }, (_, i) => sequence.point(i));
      for (let d = 0; d < 40; d++) for (const m of [1, 4, 7, 10]) expect(stratified(points, d, m)).toBe(true);
    }
  });

  it('is a (0, m, 2)-net in its first two dimensions: one point per elementary box', () => {
    const points = Array.from({ length: 256 }, (_, i) => new ScrambledSobol(2, new Rng(5)).point(i));
    for (let i = 0; i <= 8; i++) {
      const boxes = new Set(points.map(([x, y]) => `${Math.floor(x * 2 ** i)},${Math.floor(y * 2 ** (8 - i))}`));
      expect(boxes.size).toBe(256);
    }
  });

  it('scrambles differently per seed and identically for the same seed', () => {
    const a = new ScrambledSobol(3, new Rng(1)).point(17);
    expect(new ScrambledSobol(3, new Rng(1)).point(17)).toEqual(a);
    expect(new ScrambledSobol(3, new Rng(2)).point(17)).not.toEqual(a);
    expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('sobol sampler', () => {
  const space: SearchSpace = [
    { kind: 'float', name: 'lr', low: 1e-4, high: 1, log: true },
    { kind: 'const', name: 'epochs', value: 3 },
    { kind: 'int', name: 'layers', low: 1, high: 8, step: 1, log: false },
  ];

  it("gives trial id k point k of the sweep seed's sequence, whatever the history, so a resume continues it", () => {
    const first = sobolSampler.create({}, { space, goal: 'minimize', seed: 7 });
    const resumed = sobolSampler.create({}, { space, goal: 'minimize', seed: 7 });
    const other = sobolSampler.create({}, { space, goal: 'minimize', seed: 8 });
    const request = (trialId: number) => ({ trialId, rng: new Rng(trialId), history: [] });
    expect(resumed.suggest({ ...request(12), rng: new Rng('ignored') })).toEqual(first.suggest(request(12)));
    expect(other.suggest(request(12))).not.toEqual(first.suggest(request(12)));
    // Eight consecutive trials cover the eight layer values exactly once (stratification).
    const layers = Array.from({ length: 8 }, (_, k) => first.suggest(request(8 + k))!.layers);
    expect([...layers].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('refuses more tunable parameters than it has direction numbers for, and unknown options', () => {
    const wide: SearchSpace = Array.from({ length: MAX_SOBOL_DIMENSIONS + 1 }, (_, i) => ({
      kind: 'float',
      name: `x${i}`,
      low: 0,
      high: 1,
      log: false,
    }));
    expect(() => sobolSampler.create({}, { space: wide, goal: 'minimize', seed: 0 })).toThrow(PluginOptionError);
    expect(() => sobolSampler.create({ skip: 3 }, { space, goal: 'minimize', seed: 0 })).toThrow(/skip/);
    expect(() => sobolSampler.create({ scramble: false }, { space, goal: 'minimize', seed: 0 })).not.toThrow();
  });
});
