import { describe, expect, it } from 'vitest';
import { gridSampler } from '../../../plugins/samplers/grid.js';
import type { Sampler, SamplerTrial } from '../../../src/plugin-api/sampler.js';
import { PluginOptionError } from '../../../src/plugin-api/errors.js';
import { Rng } from '../../../src/plugin-api/rng.js';
import type { Params, SearchSpace } from '../../../src/plugin-api/space.js';
import type { TrialState } from '../../../src/plugin-api/trial-state.js';

const create = (space: SearchSpace, options: Record<string, unknown> = {}) =>
  gridSampler.create(options, { space, goal: 'minimize', seed: 1 });

function trial(id: number, params: Params, state: TrialState = 'completed'): SamplerTrial {
  return { id, params, state, objective: state === 'completed' ? id : null, lastStep: null };
}

/** Suggests until exhausted, each suggestion joining the history as a completed trial. */
function runToEnd(sampler: Sampler, limit = 10_000): Params[] {
  const history: SamplerTrial[] = [];
  for (let id = 0; id < limit; id++) {
    const params = sampler.suggest({ trialId: id, rng: new Rng(id), history });
    if (!params) break;
    history.push(trial(id, params));
  }
  return history.map((t) => t.params);
}

function optionError(fn: () => unknown): PluginOptionError {
  try {
    fn();
  } catch (error) {
    if (error instanceof PluginOptionError) return error;
    throw error;
  }
  throw new Error('expected a PluginOptionError');
}

describe('grid sampler', () => {
  it('enumerates every allowed int value, choices and constants, last parameter fastest', () => {
    const sampler = create([
      { kind: 'int', name: 'layers', low: 1, high: 5, step: 2, log: false },
      { kind: 'const', name: 'epochs', value: 3 },
      { kind: 'choice', name: 'act', values: ['relu', 'tanh'] },
    ]);
    const points = runToEnd(sampler);
    expect(sampler.size!()).toBe(6);
    expect(points).toEqual([
      { layers: 1, epochs: 3, act: 'relu' },
      { layers: 1, epochs: 3, act: 'tanh' },
      { layers: 3, epochs: 3, act: 'relu' },
      { layers: 3, epochs: 3, act: 'tanh' },
      { layers: 5, epochs: 3, act: 'relu' },
      { layers: 5, epochs: 3, act: 'tanh' },
    ]);
    expect(points.map((p) => Object.keys(p))).toEqual(points.map(() => ['layers', 'epochs', 'act']));
  });

  it('spaces grid_points evenly with both ends included, and log-spaces them for log ranges', () => {
    const linear = runToEnd(create([{ kind: 'float', name: 'x', low: 0, high: 1, log: false, gridPoints: 11 }])).map((p) => p.x as number);
    expect(linear).toHaveLength(11);
    expect(linear[0]).toBe(0);
    expect(linear[10]).toBe(1);
    linear.forEach((x, i) => expect(x).toBeCloseTo(i / 10, 12));
    expect(linear[3]).toBe(0.3); // not 0.30000000000000004 on the command line

    const log = runToEnd(create([{ kind: 'float', name: 'lr', low: 1e-5, high: 1e-1, log: true, gridPoints: 5 }])).map(
      (p) => p.lr as number,
    );
    expect(log[0]).toBe(1e-5);
    expect(log[4]).toBe(1e-1);
    const ratios = log.slice(1).map((x, i) => x / log[i]);
    ratios.forEach((r) => expect(r).toBeCloseTo(10, 9));
  });

  it('enumerates the steps of a stepped float range that has no grid_points', () => {
    const points = runToEnd(create([{ kind: 'float', name: 'dropout', low: 0, high: 0.3, log: false, step: 0.1 }]));
    expect(points.map((p) => p.dropout)).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('refuses a float range without grid_points, naming the parameter', () => {
    const error = optionError(() =>
      create([
        { kind: 'int', name: 'n', low: 1, high: 2, step: 1, log: false },
        { kind: 'float', name: 'lr', low: 0.001, high: 0.1, log: true },
      ]),
    );
    expect(error.option).toBe('parameters.lr');
    expect(error.message).toBe('parameters.lr: the grid sampler needs grid_points for a float range');
  });

  it('refuses an empty grid and one of more than 10,000,000 points', () => {
    expect(optionError(() => create([])).option).toBe('parameters');
    expect(optionError(() => create([{ kind: 'choice', name: 'c', values: [] }])).option).toBe('parameters');
    const huge = optionError(() =>
      create([
        { kind: 'int', name: 'a', low: 0, high: 9999, step: 1, log: false },
        { kind: 'int', name: 'b', low: 0, high: 1000, step: 1, log: false },
      ]),
    );
    expect(huge.option).toBe('parameters');
    expect(huge.message).toMatch(/10,010,000 points/);
    // Exactly at the limit is fine.
    expect(
      create([
        { kind: 'int', name: 'a', low: 0, high: 9999, step: 1, log: false },
        { kind: 'int', name: 'b', low: 0, high: 999, step: 1, log: false },
      ]).size!(),
    ).toBe(10_000_000);
  });

  it('refuses options it does not know', () => {
    expect(optionError(() => create([{ kind: 'choice', name: 'c', values: [1] }], { shuffle: true })).option).toBe('shuffle');
  });

  it('never repeats a point already in the history, whatever its state, and ends when all are taken', () => {
    const space: SearchSpace = [
      { kind: 'choice', name: 'a', values: [1, 2, 3] },
      { kind: 'choice', name: 'b', values: ['x', 'y'] },
    ];
    const sampler = create(space);
    const history = [
      trial(0, { a: 1, b: 'x' }, 'failed'),
      trial(1, { a: 1, b: 'y' }, 'running'),
      trial(2, { a: 3, b: 'x' }, 'pruned'),
      trial(3, { a: 9, b: 'x' }, 'completed'), // not a grid point: takes nothing
    ];
    const next = sampler.suggest({ trialId: 4, rng: new Rng(4), history });
    expect(next).toEqual({ a: 2, b: 'x' });
    const rest: Params[] = [];
    for (let id = 4; ; id++) {
      const params = sampler.suggest({ trialId: id, rng: new Rng(id), history });
      if (!params) break;
      rest.push(params);
      history.push(trial(id, params));
    }
    expect(rest).toEqual([
      { a: 2, b: 'x' },
      { a: 2, b: 'y' },
      { a: 3, b: 'y' },
    ]);
    expect(sampler.suggest({ trialId: 99, rng: new Rng(99), history })).toBeUndefined();
  });

  it('counts a hand-added trial equal to a grid point up to float noise as taking it', () => {
    const sampler = create([{ kind: 'float', name: 'x', low: 0, high: 1, log: false, gridPoints: 11 }]);
    const history = [trial(0, { x: 0 }), trial(1, { x: 0.1 }), trial(2, { x: 0.1 + 0.1 })];
    expect(sampler.suggest({ trialId: 3, rng: new Rng(3), history })).toEqual({ x: 0.3 });
  });

  it('resumes where a stopped sweep left off: a new sampler over the same history continues the order', () => {
    const space: SearchSpace = [
      { kind: 'int', name: 'a', low: 0, high: 3, step: 1, log: false },
      { kind: 'int', name: 'b', low: 0, high: 2, step: 1, log: false },
    ];
    const all = runToEnd(create(space));
    const history = all.slice(0, 5).map((params, id) => trial(id, params));
    const resumed = create(space).suggest({ trialId: 5, rng: new Rng(5), history });
    expect(resumed).toEqual(all[5]);
    expect(new Set(all.map((p) => JSON.stringify(p))).size).toBe(12);
  });

  it('stays fast with 10,000 trials of history: no rescan of the grid per trial', () => {
    const space: SearchSpace = [
      { kind: 'int', name: 'a', low: 0, high: 999, step: 1, log: false },
      { kind: 'int', name: 'b', low: 0, high: 99, step: 1, log: false },
    ];
    const sampler = create(space);
    const history = Array.from({ length: 10_000 }, (_, id) => trial(id, { a: Math.floor(id / 100), b: id % 100 }));
    const started = performance.now();
    const next = sampler.suggest({ trialId: 10_000, rng: new Rng(0), history });
    expect(next).toEqual({ a: 100, b: 0 });
    // Milliseconds when each trial is looked up once; a rescan of the 100,000 points per trial takes minutes.
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
