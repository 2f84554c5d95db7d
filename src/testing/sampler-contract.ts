/**
 * The sampler contract, as a vitest suite a plugin author runs on their own sampler (and
 * sweeptop runs on each of its own, as Optuna's pytest_samplers.py runs one over all of its
 * samplers): suggestions stay in the space, keep its order and types, repeat under the same seed
 * and history, and survive any history a real sweep can produce.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../plugin-api/rng.js';
import type { Sampler, SamplerPlugin, SamplerTrial } from '../plugin-api/sampler.js';
import { allows, type Params, type SearchSpace } from '../plugin-api/space.js';
import { TRIAL_STATES, type TrialState } from '../plugin-api/trial-state.js';
import { expectPluginShape, expectRefusesUnknownOption } from './plugin-shape.js';

export interface SamplerContractOptions {
  /** What the sweep file gives the sampler besides `type`. */
  options?: Record<string, unknown>;
  /** The space to sample; by default one with every kind of parameter (floats carry grid_points). */
  space?: SearchSpace;
}

/** Every kind of parameter; floats carry grid_points so a grid sampler can take the same space. */
export const CONTRACT_SPACE: SearchSpace = [
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

export function describeSamplerContract(plugin: SamplerPlugin, contract: SamplerContractOptions = {}): void {
  const given = contract.options ?? {};
  const space = contract.space ?? CONTRACT_SPACE;
  const create = (seed: number, goal: 'minimize' | 'maximize' = 'minimize', options = given, on = space) =>
    plugin.create(options, { space: on, goal, seed });

  function expectInSpace(params: Params | undefined): void {
    expect(params, 'a suggestion').toBeDefined();
    expect(Object.keys(params!), 'every parameter, in declaration order').toEqual(space.map((p) => p.name));
    for (const parameter of space) {
      const value = params![parameter.name];
      const label = `${parameter.name} = ${String(value)}`;
      expect(allows(parameter, value), label).toBe(true);
      if (parameter.kind === 'int') expect(Number.isInteger(value), label).toBe(true);
      if (parameter.kind === 'float') expect(typeof value === 'number' && Number.isFinite(value), label).toBe(true);
      if (parameter.kind === 'float' && parameter.step !== undefined) {
        const steps = ((value as number) - parameter.low) / parameter.step;
        expect(Math.abs(steps - Math.round(steps)), `${label}: on the step`).toBeLessThan(1e-9);
      }
    }
  }

  /** A made-up objective of the parameters, so that a model-based sampler has something to learn. */
  function objective(params: Params): number {
    return space.reduce((sum, parameter, i) => {
      const value = params[parameter.name];
      return sum + (typeof value === 'number' ? Math.abs(Math.log1p(Math.abs(value))) * (i + 1) : 0);
    }, 0);
  }

  /**
   * A history with everything a sweep produces, derived from the sampler's own suggestions: most
   * trials complete, and the others fail, get pruned (with and without a report), report NaN or
   * nothing, or are still queued, running or paused — plus hand-added trials outside the space.
   */
  function messyHistory(sampler: Sampler, count: number, seed: number): SamplerTrial[] {
    const history: SamplerTrial[] = [];
    for (let id = 0; id < count; id++) {
      const params = sampler.suggest({ trialId: id, rng: Rng.derive('contract', seed, id), history });
      if (!params) break;
      const [state, report] = id % 3 === 0 ? FATES[(id / 3) % FATES.length] : (['completed', 'value'] as const);
      const objectiveValue = report === 'value' ? objective(params) : report === 'nan' ? NaN : report === 'infinite' ? Infinity : null;
      history.push({ id, params, state, objective: objectiveValue, lastStep: report === 'none' ? null : id % 7 });
    }
    history.push({
      id: count,
      params: { x: 99, lr: -1, act: 'unknown', layers: 2.5 },
      state: 'completed',
      objective: -1e9,
      lastStep: null,
    });
    history.push({ id: count + 1, params: {}, state: 'completed', objective: 0, lastStep: null });
    return history;
  }

  describe(`sampler contract: ${plugin.name}`, () => {
    it('is a sampler plugin: a name, kind "sampler", create(options, context) giving suggest()', () => {
      expectPluginShape(plugin, 'sampler');
      if (plugin.options !== undefined) expectRefusesUnknownOption((options) => create(1, 'minimize', options), given);
      expect(typeof create(1).suggest).toBe('function');
    });

    it('suggests every parameter, in declaration order, inside the space, from a messy history', () => {
      for (const goal of ['minimize', 'maximize'] as const) {
        const sampler = create(3, goal);
        const history = messyHistory(sampler, 40, 3);
        for (const trial of history.slice(0, -2)) expectInSpace(trial.params);
        const next = sampler.suggest({ trialId: history.length, rng: Rng.derive('contract', 3, 'next'), history });
        if (next !== undefined) expectInSpace(next);
      }
    });

    it('repeats its suggestion under the same seed and history', () => {
      const history = messyHistory(create(11), 30, 11);
      const request = () => ({ trialId: history.length, rng: Rng.derive('contract', 11, history.length), history });
      expect(create(11).suggest(request())).toEqual(create(11).suggest(request()));
    });

    it('survives histories of only unusable trials, in every state', () => {
      const sampler = create(5);
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
      const sampler = create(1, 'minimize', given, tiny);
      const history: SamplerTrial[] = [];
      for (let id = 0; id < 30; id++) {
        const params = sampler.suggest({ trialId: id, rng: new Rng(id), history });
        if (!params) break;
        expect(
          tiny.every((p) => allows(p, params[p.name])),
          JSON.stringify(params),
        ).toBe(true);
        history.push({ id, params, state: 'completed', objective: params.n as number, lastStep: null });
      }
    });
  });
}

const FATES: Array<[TrialState, 'value' | 'nan' | 'none' | 'infinite']> = [
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
