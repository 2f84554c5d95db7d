import { describe, expect, it } from 'vitest';
import { randomSampler } from '../../../plugins/samplers/random.js';
import { tpeSampler } from '../../../plugins/samplers/tpe.js';
import type { SamplerTrial } from '../../../src/plugin-api/sampler.js';
import { PluginOptionError } from '../../../src/plugin-api/errors.js';
import { Rng } from '../../../src/plugin-api/rng.js';
import type { Params, SearchSpace } from '../../../src/plugin-api/space.js';
import type { TrialState } from '../../../src/plugin-api/trial-state.js';

const XY: SearchSpace = [
  { kind: 'float', name: 'x', low: 0, high: 1, log: false },
  { kind: 'float', name: 'y', low: 0, high: 1, log: false },
];
const bowl = (p: Params) => ((p.x as number) - 0.7) ** 2 + ((p.y as number) - 0.3) ** 2;

const sgdOnly = { op: 'compare', comparison: '==', name: 'optimizer', value: 'sgd' } as const;
const CONDITIONAL: SearchSpace = [
  { kind: 'choice', name: 'optimizer', values: ['sgd', 'adam'] },
  { kind: 'float', name: 'momentum', low: 0, high: 0.99, log: false, when: sgdOnly },
  { kind: 'const', name: 'nesterov', value: true, when: sgdOnly },
  {
    kind: 'float',
    name: 'beta1',
    low: 0.8,
    high: 0.999,
    log: false,
    when: { op: 'compare', comparison: '==', name: 'optimizer', value: 'adam' },
  },
  { kind: 'int', name: 'layers', low: 1, high: 3, step: 1, log: false },
  {
    kind: 'int',
    name: 'units_3',
    low: 16,
    high: 256,
    step: 1,
    log: true,
    when: { op: 'compare', comparison: '>=', name: 'layers', value: 3 },
  },
];
/** Every set of names a suggestion on CONDITIONAL may hold, in declaration order. */
const CONDITIONAL_SHAPES = [
  'optimizer,momentum,nesterov,layers',
  'optimizer,momentum,nesterov,layers,units_3',
  'optimizer,beta1,layers',
  'optimizer,beta1,layers,units_3',
];

function completed(id: number, params: Params, objective: number, state: TrialState = 'completed'): SamplerTrial {
  return { id, params, state, objective, lastStep: state === 'pruned' ? 1 : null };
}

/** `count` trials of the given sampler on `objective`, sequentially, fed back as completed. */
function sweep(options: Record<string, unknown>, count: number, objective = bowl, space = XY, seed = 0): SamplerTrial[] {
  const sampler = tpeSampler.create(options, { space, goal: 'minimize', seed });
  const history: SamplerTrial[] = [];
  for (let id = 0; id < count; id++) {
    const params = sampler.suggest({ trialId: id, rng: Rng.derive('tpe-test', seed, id), history })!;
    history.push(completed(id, params, objective(params)));
  }
  return history;
}

function optionError(options: Record<string, unknown>): PluginOptionError {
  try {
    tpeSampler.create(options, { space: XY, goal: 'minimize', seed: 0 });
  } catch (error) {
    if (error instanceof PluginOptionError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(options)} to be refused`);
}

describe('tpe sampler', () => {
  it('checks its options in create and names the bad one', () => {
    expect(optionError({ n_startup_trial: 5 }).option).toBe('n_startup_trial');
    expect(optionError({ n_startup_trials: -1 }).option).toBe('n_startup_trials');
    expect(optionError({ n_startup_trials: 'ten' }).option).toBe('n_startup_trials');
    expect(optionError({ n_ei_candidates: 0 }).option).toBe('n_ei_candidates');
    expect(optionError({ n_ei_candidates: 2.5 }).option).toBe('n_ei_candidates');
    expect(optionError({ multivariate: 'yes' }).option).toBe('multivariate');
    expect(optionError({ constant_liar: 1 }).option).toBe('constant_liar');
    expect(optionError({ prior_weight: 0 }).option).toBe('prior_weight');
    expect(optionError({ consider_endpoints: null }).option).toBe('consider_endpoints');
    expect(optionError({ group: 'yes' }).option).toBe('group');
    // As Optuna 3.1 refuses it: groups divide the joint model, and without multivariate there is none.
    expect(optionError({ group: true }).message).toBe('group: expected only together with multivariate: true');
    expect(() => tpeSampler.create({ multivariate: true, group: true }, { space: XY, goal: 'minimize', seed: 0 })).not.toThrow();
    expect(() =>
      tpeSampler.create(
        { n_startup_trials: 0, n_ei_candidates: 1, multivariate: true, constant_liar: false, prior_weight: 2 },
        { space: XY, goal: 'minimize', seed: 0 },
      ),
    ).not.toThrow();
  });

  it('suggests exactly what the random sampler would until n_startup_trials trials have a result', () => {
    const tpe = tpeSampler.create({}, { space: XY, goal: 'minimize', seed: 0 });
    const random = randomSampler.create({}, { space: XY, goal: 'minimize', seed: 0 });
    const history: SamplerTrial[] = [];
    for (let id = 0; id < 9; id++) history.push(completed(id, { x: id / 10, y: 0.5 }, id));
    // Running and failed trials do not end the warm-up.
    history.push({ id: 9, params: { x: 0.95, y: 0.5 }, state: 'running', objective: null, lastStep: null });
    history.push({ id: 10, params: { x: 0.96, y: 0.5 }, state: 'failed', objective: null, lastStep: null });
    const request = () => ({ trialId: 11, rng: Rng.derive('warm-up', 11), history });
    expect(tpe.suggest(request())).toEqual(random.suggest(request()));
    history.push(completed(11, { x: 0.5, y: 0.5 }, 0));
    expect(tpe.suggest(request())).not.toEqual(random.suggest(request()));
  });

  it('repeats its suggestion for the same history and rng, in both modes', () => {
    for (const multivariate of [false, true]) {
      const history = sweep({ multivariate }, 25);
      const sampler = tpeSampler.create({ multivariate }, { space: XY, goal: 'minimize', seed: 0 });
      const a = sampler.suggest({ trialId: 25, rng: Rng.derive('again', 25), history });
      const b = sampler.suggest({ trialId: 25, rng: Rng.derive('again', 25), history });
      const c = sampler.suggest({ trialId: 25, rng: Rng.derive('other', 25), history });
      expect(b).toEqual(a);
      expect(c).not.toEqual(a);
    }
  });

  it('concentrates its suggestions where the good trials are', () => {
    const history = sweep({}, 40);
    const sampler = tpeSampler.create({}, { space: XY, goal: 'minimize', seed: 0 });
    const distances = Array.from({ length: 100 }, (_, i) => {
      const p = sampler.suggest({ trialId: 40, rng: Rng.derive('concentrate', i), history })!;
      return Math.sqrt(bowl(p));
    }).sort((a, b) => a - b);
    // Uniform points in the unit square lie a median ~0.45 from (0.7, 0.3).
    expect(distances[50]).toBeLessThan(0.15);
  });

  it('maximises when the goal says so', () => {
    const peak = (p: Params) => -bowl(p);
    const sampler = tpeSampler.create({}, { space: XY, goal: 'maximize', seed: 0 });
    const history: SamplerTrial[] = [];
    for (let id = 0; id < 40; id++) {
      const params = sampler.suggest({ trialId: id, rng: Rng.derive('maximize', id), history })!;
      history.push(completed(id, params, peak(params)));
    }
    const late = history
      .slice(20)
      .map((t) => Math.sqrt(bowl(t.params)))
      .sort((a, b) => a - b);
    expect(late[10]).toBeLessThan(0.2);
  });

  it('spreads parallel suggestions with the constant liar instead of repeating one', () => {
    const spread = (constantLiar: boolean) => {
      const history = sweep({ constant_liar: constantLiar }, 30);
      const sampler = tpeSampler.create({ constant_liar: constantLiar }, { space: XY, goal: 'minimize', seed: 0 });
      const batch: Params[] = [];
      for (let id = 30; id < 38; id++) {
        const params = sampler.suggest({ trialId: id, rng: Rng.derive('tpe-test', 0, id), history })!;
        batch.push(params);
        history.push({ id, params, state: id % 2 ? 'queued' : 'running', objective: null, lastStep: null });
      }
      let closest = Infinity;
      for (let i = 0; i < batch.length; i++) {
        for (let j = 0; j < i; j++) {
          closest = Math.min(
            closest,
            Math.hypot((batch[i].x as number) - (batch[j].x as number), (batch[i].y as number) - (batch[j].y as number)),
          );
        }
      }
      return closest;
    };
    const withLiar = spread(true);
    expect(withLiar).toBeGreaterThan(0.02);
    expect(withLiar).toBeGreaterThan(5 * spread(false));
  });

  it('models parameters jointly with multivariate: true, so good pairs stay paired', () => {
    // Good trials sit in two blobs on the diagonal, (0.2, 0.2) and (0.8, 0.8). Their marginals are
    // bimodal in x and in y alike, so an independent model pairs the modes freely and proposes the
    // off-diagonal corners half the time; a joint model proposes the blobs.
    const rng = new Rng('blobs');
    const history: SamplerTrial[] = [];
    for (let id = 0; id < 100; id++) {
      const good = id % 10 === 0;
      const centre = id % 20 === 0 ? 0.2 : 0.8;
      const params = good
        ? { x: centre + rng.uniform(-0.05, 0.05), y: centre + rng.uniform(-0.05, 0.05) }
        : { x: rng.uniform(0, 1), y: rng.uniform(0, 1) };
      history.push(completed(id, params, good ? id / 1000 : 1 + rng.next()));
    }
    const offDiagonalShare = (multivariate: boolean) => {
      const sampler = tpeSampler.create({ multivariate }, { space: XY, goal: 'minimize', seed: 0 });
      const suggestions = Array.from({ length: 200 }, (_, i) => sampler.suggest({ trialId: 100, rng: Rng.derive('joint', i), history })!);
      return suggestions.filter((p) => (p.x as number) < 0.5 !== (p.y as number) < 0.5).length / suggestions.length;
    };
    const joint = offDiagonalShare(true);
    const independent = offDiagonalShare(false);
    expect(independent).toBeGreaterThan(0.25);
    expect(joint).toBeLessThan(independent / 3);
  });

  it('stays in range with pruned, failed and out-of-space trials in its history', () => {
    const sampler = tpeSampler.create({ n_startup_trials: 5 }, { space: XY, goal: 'minimize', seed: 0 });
    const history: SamplerTrial[] = [
      ...Array.from({ length: 6 }, (_, id) => completed(id, { x: 0.1 + id * 0.01, y: 0.9 }, 1 + id)),
      { id: 6, params: { x: 0.9, y: 0.1 }, state: 'pruned', objective: 0.5, lastStep: 3 },
      { id: 7, params: { x: 7, y: 'far' }, state: 'completed', objective: -100, lastStep: null },
      { id: 8, params: { x: 0.2 }, state: 'failed', objective: null, lastStep: null },
    ];
    const p = sampler.suggest({ trialId: 9, rng: Rng.derive('mixed-history', 9), history })!;
    expect(p.x).toBeGreaterThanOrEqual(0);
    expect(p.x).toBeLessThanOrEqual(1);
    expect(p.y).toBeGreaterThanOrEqual(0);
    expect(p.y).toBeLessThanOrEqual(1);
  });

  it('suggests exactly the active parameters of a conditional space, in every mode, before and after the warm-up', () => {
    const objective = (p: Params) =>
      (p.optimizer === 'sgd' ? (p.momentum as number) : 1 - (p.beta1 as number)) + ('units_3' in p ? 0 : 0.5);
    for (const options of [{}, { multivariate: true }, { multivariate: true, group: true }]) {
      const history = sweep({ ...options, n_startup_trials: 5 }, 30, objective, CONDITIONAL);
      const kinds = new Set(history.map((t) => Object.keys(t.params).join()));
      expect(kinds, JSON.stringify(options)).toEqual(new Set(CONDITIONAL_SHAPES));
      for (const t of history) expect(CONDITIONAL_SHAPES, JSON.stringify(t.params)).toContain(Object.keys(t.params).join());
    }
  });

  it('with group, models the parameters that appear together jointly, where plain multivariate cannot', () => {
    // The blobs of the joint-model test below, but x and y exist only for optimizer a: no trial of b
    // holds them, so plain multivariate models them one at a time (only `optimizer` is in every
    // trial) and pairs the modes freely, while group models {x, y} jointly.
    const space: SearchSpace = [
      { kind: 'choice', name: 'optimizer', values: ['a', 'b'] },
      { ...XY[0], when: { op: 'compare', comparison: '==', name: 'optimizer', value: 'a' } },
      { ...XY[1], when: { op: 'compare', comparison: '==', name: 'optimizer', value: 'a' } },
    ];
    const rng = new Rng('conditional-blobs');
    const history: SamplerTrial[] = [];
    for (let id = 0; id < 100; id++) {
      if (id % 2 === 1) {
        history.push(completed(id, { optimizer: 'b' }, 2 + rng.next()));
        continue;
      }
      const good = id % 10 === 0;
      const centre = id % 20 === 0 ? 0.2 : 0.8;
      const params = good
        ? { optimizer: 'a', x: centre + rng.uniform(-0.05, 0.05), y: centre + rng.uniform(-0.05, 0.05) }
        : { optimizer: 'a', x: rng.uniform(0, 1), y: rng.uniform(0, 1) };
      history.push(completed(id, params, good ? id / 1000 : 1 + rng.next()));
    }
    const offDiagonalShare = (group: boolean) => {
      const sampler = tpeSampler.create({ multivariate: true, group }, { space, goal: 'minimize', seed: 0 });
      const suggestions = Array.from({ length: 200 }, (_, i) => sampler.suggest({ trialId: 100, rng: Rng.derive('group', i), history })!);
      const withXY = suggestions.filter((p) => p.optimizer === 'a');
      expect(withXY.length).toBeGreaterThan(150);
      return withXY.filter((p) => (p.x as number) < 0.5 !== (p.y as number) < 0.5).length / withXY.length;
    };
    const grouped = offDiagonalShare(true);
    const plain = offDiagonalShare(false);
    expect(plain).toBeGreaterThan(0.25);
    expect(grouped).toBeLessThan(plain / 3);
  });

  it('returns constants and single-valued parameters as they are, in declaration order', () => {
    const space: SearchSpace = [
      { kind: 'const', name: 'epochs', value: 5 },
      { kind: 'float', name: 'x', low: 0, high: 1, log: false },
      { kind: 'choice', name: 'only', values: ['adam'] },
      { kind: 'int', name: 'n', low: 3, high: 4, step: 2, log: false },
    ];
    const history = sweep({ n_startup_trials: 3 }, 12, (p) => p.x as number, space);
    const p = tpeSampler
      .create({ n_startup_trials: 3 }, { space, goal: 'minimize', seed: 0 })
      .suggest({ trialId: 12, rng: new Rng(12), history })!;
    expect(Object.keys(p)).toEqual(['epochs', 'x', 'only', 'n']);
    expect(p).toMatchObject({ epochs: 5, only: 'adam', n: 3 });
  });
});
