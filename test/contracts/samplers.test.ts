/**
 * One suite over every built-in sampler (as Optuna's pytest_samplers.py runs one over all of its
 * own): suggestions stay in the space, keep its order and types, repeat under the same seed and
 * history, and survive any history a real sweep can produce.
 */
import { describe, expect, it } from 'vitest';
import { samplerPlugins } from '../../plugins/samplers/index.js';
import type { Sampler, SamplerPlugin, SamplerTrial } from '../../src/plugin-api/sampler.js';
import { Rng } from '../../src/plugin-api/rng.js';
import { allows, type Params, type SearchSpace } from '../../src/plugin-api/space.js';
import { TRIAL_STATES, type TrialState } from '../../src/plugin-api/trial-state.js';

/** Every kind of parameter; floats carry grid_points so the grid sampler can take the same space. */
const SPACE: SearchSpace = [
  { kind: 'float', name: 'x', low: -3, high: 2, log: false, gridPoints: 3 },
  { kind: 'float', name: 'lr', low: 1e-5, high: 1e-1, log: true, gridPoints: 3 },
  { kind: 'float', name: 'dropout', low: 0.05, high: 0.5, log: false, step: 0.1, gridPoints: 2 },
  { kind: 'const', name: 'epochs', value: 12 },
  { kind: 'int', name: 'layers', low: 1, high: 6, step: 1, log: false },
  { kind: 'int', name: 'batch', low: 16, high: 64, step: 16, log: false },
  { kind: 'int', name: 'units', low: 8, high: 512, step: 8, log: true },
  { kind: 'choice', name: 'act', values: ['relu', 3, true, null] },
  { kind: 'const', name: 'tag', value: null },
];

function objective(params: Params): number {
  return ((params.x as number) + 1) ** 2 + Math.abs(Math.log10(params.lr as number) + 3) + (params.layers as number) / 10;
}

function expectInSpace(params: Params | undefined): void {
  expect(params).toBeDefined();
  expect(Object.keys(params!)).toEqual(SPACE.map((p) => p.name));
  for (const parameter of SPACE) {
    const value = params![parameter.name];
    expect(allows(parameter, value), `${parameter.name} = ${String(value)}`).toBe(true);
    if (parameter.kind === 'int') expect(Number.isInteger(value)).toBe(true);
    if (parameter.kind === 'float') expect(typeof value === 'number' && Number.isFinite(value)).toBe(true);
    if (parameter.kind === 'float' && parameter.step !== undefined) {
      const steps = ((value as number) - parameter.low) / parameter.step;
      expect(Math.abs(steps - Math.round(steps))).toBeLessThan(1e-9);
    }
  }
}

/**
 * A history with everything a sweep produces, derived from the sampler's own suggestions: most
 * trials complete, and the others fail, get pruned (with and without a report), report NaN or
 * nothing, or are still queued, running or paused — plus hand-added trials outside the space.
 */
function messyHistory(sampler: Sampler, count: number, seed: number): SamplerTrial[] {
  const history: SamplerTrial[] = [];
  const fates: Array<[TrialState, 'value' | 'nan' | 'none' | 'infinite']> = [
    ['failed', 'none'],
    ['pruned', 'value'],
    ['completed', 'nan'],
    ['running', 'value'],
    ['pruned', 'none'],
    ['completed', 'none'],
    ['queued', 'none'],
    ['paused', 'value'],
    ['killed', 'value'],
    ['timed_out', 'value'],
    ['lost', 'none'],
    ['completed', 'infinite'],
    ['pending', 'none'],
  ];
  for (let id = 0; id < count; id++) {
    const params = sampler.suggest({ trialId: id, rng: Rng.derive('contract', seed, id), history });
    if (!params) break;
    const [state, report] = id % 3 === 0 ? fates[(id / 3) % fates.length] : (['completed', 'value'] as const);
    const objectiveValue = report === 'value' ? objective(params) : report === 'nan' ? NaN : report === 'infinite' ? Infinity : null;
    history.push({ id, params, state, objective: objectiveValue, lastStep: report === 'none' ? null : id % 7 });
  }
  history.push({ id: count, params: { x: 99, lr: -1, act: 'unknown', layers: 2.5 }, state: 'completed', objective: -1e9, lastStep: null });
  history.push({ id: count + 1, params: {}, state: 'completed', objective: 0, lastStep: null });
  return history;
}

const create = (plugin: SamplerPlugin, seed: number, goal: 'minimize' | 'maximize' = 'minimize') =>
  plugin.create({}, { space: SPACE, goal, seed });

describe.each(samplerPlugins.map((plugin) => [plugin.name, plugin] as const))('sampler contract: %s', (_name, plugin) => {
  it('is a sampler plugin with a description', () => {
    expect(plugin.kind).toBe('sampler');
    expect(plugin.description).toBeTruthy();
  });

  it('suggests every parameter, in declaration order, inside the space, from a messy history', () => {
    for (const goal of ['minimize', 'maximize'] as const) {
      const sampler = create(plugin, 3, goal);
      const history = messyHistory(sampler, 40, 3);
      for (const params of history.slice(0, 40).map((t) => t.params)) expectInSpace(params);
      const next = sampler.suggest({ trialId: history.length, rng: Rng.derive('contract', 3, 'next'), history });
      if (next !== undefined) expectInSpace(next);
    }
  });

  it('repeats its suggestion under the same seed and history', () => {
    const history = messyHistory(create(plugin, 11), 30, 11);
    const request = () => ({ trialId: history.length, rng: Rng.derive('contract', 11, history.length), history });
    expect(create(plugin, 11).suggest(request())).toEqual(create(plugin, 11).suggest(request()));
  });

  it('survives histories of only unusable trials, in every state', () => {
    const sampler = create(plugin, 5);
    const params = sampler.suggest({ trialId: 0, rng: new Rng(0), history: [] });
    expectInSpace(params);
    const history: SamplerTrial[] = TRIAL_STATES.flatMap((state, i) => [
      { id: 2 * i, params: params!, state, objective: null, lastStep: null },
      { id: 2 * i + 1, params: params!, state, objective: NaN, lastStep: 1 },
    ]);
    const next = sampler.suggest({ trialId: history.length, rng: new Rng(history.length), history });
    if (next !== undefined) expectInSpace(next);
  });

  it('keeps suggesting valid points long after any warm-up, under a tiny space', () => {
    const tiny: SearchSpace = [
      { kind: 'int', name: 'n', low: 1, high: 2, step: 1, log: false },
      { kind: 'choice', name: 'c', values: ['a', 'b'] },
    ];
    const sampler = plugin.create({}, { space: tiny, goal: 'minimize', seed: 1 });
    const history: SamplerTrial[] = [];
    for (let id = 0; id < 30; id++) {
      const params = sampler.suggest({ trialId: id, rng: new Rng(id), history });
      if (!params) break;
      expect(tiny.every((p) => allows(p, params[p.name]))).toBe(true);
      history.push({ id, params, state: 'completed', objective: params.n as number, lastStep: null });
    }
  });
});

describe('sampler registry', () => {
  it('has the four built-in samplers under distinct names', () => {
    const names = samplerPlugins.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['random', 'grid', 'tpe', 'sobol']));
    expect(new Set(names).size).toBe(names.length);
  });
});
