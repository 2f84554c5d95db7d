import { describe, expect, it } from 'vitest';
import { randomSampler } from '../../../plugins/samplers/random.js';
import { PluginOptionError } from '../../../src/plugin-api/errors.js';
import { Rng } from '../../../src/plugin-api/rng.js';
import type { Parameter, SearchSpace } from '../../../src/plugin-api/space.js';

const N = 20_000;

function draws(parameter: Parameter): number[] {
  const sampler = randomSampler.create({}, { space: [parameter], goal: 'minimize', seed: 0 });
  return Array.from(
    { length: N },
    (_, id) => sampler.suggest({ trialId: id, rng: Rng.derive('random-test', id), history: [] })![parameter.name] as number,
  );
}

function counts(values: number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const v of values) out.set(v, (out.get(v) ?? 0) + 1);
  return out;
}

describe('random sampler', () => {
  it('draws floats uniformly over [low, high]', () => {
    const xs = draws({ kind: 'float', name: 'x', low: -2, high: 6, log: false });
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...xs)).toBeLessThanOrEqual(6);
    const mean = xs.reduce((a, b) => a + b, 0) / N;
    expect(mean).toBeCloseTo(2, 1);
    expect(xs.filter((x) => x < 0).length / N).toBeCloseTo(0.25, 1);
  });

  it('draws log ranges uniformly in log space', () => {
    const xs = draws({ kind: 'float', name: 'lr', low: 1e-6, high: 1, log: true });
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(1e-6);
    expect(Math.max(...xs)).toBeLessThanOrEqual(1);
    // Each decade gets a sixth of the draws; a linear draw would put 90 % in the top decade.
    const topDecade = xs.filter((x) => x >= 0.1).length / N;
    expect(topDecade).toBeGreaterThan(0.14);
    expect(topDecade).toBeLessThan(0.19);
  });

  it('quantises stepped floats from low, uniform over the steps, never above high', () => {
    const xs = draws({ kind: 'float', name: 'p', low: 0.05, high: 0.5, log: false, step: 0.1 });
    const seen = counts(xs);
    expect([...seen.keys()].sort()).toEqual([0.05, 0.15, 0.25, 0.35, 0.45]);
    for (const n of seen.values()) expect(Math.abs(n - N / 5)).toBeLessThan(N / 25);
  });

  it('draws ints uniformly over their allowed values', () => {
    const xs = draws({ kind: 'int', name: 'n', low: 3, high: 12, step: 3, log: false });
    const seen = counts(xs);
    expect([...seen.keys()].sort((a, b) => a - b)).toEqual([3, 6, 9, 12]);
    for (const n of seen.values()) expect(Math.abs(n - N / 4)).toBeLessThan(N / 25);
  });

  it('draws log ints in log space and rounds them to allowed values', () => {
    const xs = draws({ kind: 'int', name: 'units', low: 1, high: 1000, step: 1, log: true });
    expect(xs.every((x) => Number.isInteger(x) && x >= 1 && x <= 1000)).toBe(true);
    const belowTen = xs.filter((x) => x < 10).length / N;
    // log-width of [0.5, 9.5] within [0.5, 1000.5]
    expect(belowTen).toBeCloseTo(Math.log(9.5 / 0.5) / Math.log(1000.5 / 0.5), 1);
    const stepped = draws({ kind: 'int', name: 'width', low: 8, high: 512, step: 8, log: true });
    expect(stepped.every((x) => x % 8 === 0 && x >= 8 && x <= 512)).toBe(true);
  });

  it('picks choices uniformly, values of any type', () => {
    const values = ['a', 2, true, null];
    const sampler = randomSampler.create({}, { space: [{ kind: 'choice', name: 'c', values }], goal: 'minimize', seed: 0 });
    const seen = new Map<unknown, number>();
    for (let id = 0; id < 4000; id++) {
      const v = sampler.suggest({ trialId: id, rng: new Rng(id), history: [] })!.c;
      seen.set(v, (seen.get(v) ?? 0) + 1);
    }
    expect([...seen.keys()]).toEqual(expect.arrayContaining(values));
    for (const n of seen.values()) expect(Math.abs(n - 1000)).toBeLessThan(150);
  });

  it('returns every parameter in declaration order, constants included, and repeats under the same rng', () => {
    const space: SearchSpace = [
      { kind: 'const', name: 'epochs', value: 10 },
      { kind: 'float', name: 'lr', low: 1e-4, high: 1e-1, log: true },
      { kind: 'choice', name: 'opt', values: ['sgd', 'adam'] },
    ];
    const sampler = randomSampler.create({}, { space, goal: 'maximize', seed: 0 });
    const a = sampler.suggest({ trialId: 7, rng: Rng.derive(42, 7), history: [] })!;
    const b = sampler.suggest({ trialId: 7, rng: Rng.derive(42, 7), history: [] })!;
    const c = sampler.suggest({ trialId: 8, rng: Rng.derive(42, 8), history: [] })!;
    expect(Object.keys(a)).toEqual(['epochs', 'lr', 'opt']);
    expect(a.epochs).toBe(10);
    expect(b).toEqual(a);
    expect(c.lr).not.toBe(a.lr);
  });

  it('refuses options', () => {
    expect(() => randomSampler.create({ seed: 3 }, { space: [], goal: 'minimize', seed: 0 })).toThrow(PluginOptionError);
  });
});
