import { describe, expect, it } from 'vitest';
import { parseSweepText } from '../../../src/engine/config/load.js';
import { resolveSweep } from '../../../src/engine/config/resolve.js';
import { ConfigError } from '../../../src/engine/errors.js';

const BASE = `command: node train.mjs --lr {lr}
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
trials: 4
`;

const TWO = `metric:
  - {name: val_acc, goal: maximize}
  - {name: latency_ms, goal: minimize, combine: median}
`;

function load(text: string) {
  return parseSweepText('sweep.yaml', '/work/x/sweep.yaml', text);
}

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('metric: one objective or a list of several', () => {
  it('reads the single form as a list of one, the first kept as metric', () => {
    const { config } = load(`${BASE}metric: {name: val_loss}\n`);
    expect(config.objectives).toEqual([{ name: 'val_loss', goal: 'minimize', value: 'last', combine: 'mean' }]);
    expect(config.metric).toBe(config.objectives[0]);
    expect(load(`${BASE}metric: val_loss\n`).config.objectives).toEqual(config.objectives);
  });

  it('reads a list of objectives, each in either form, in order', () => {
    const { config } = load(`${BASE}${TWO}`);
    expect(config.objectives).toEqual([
      { name: 'val_acc', goal: 'maximize', value: 'last', combine: 'mean' },
      { name: 'latency_ms', goal: 'minimize', value: 'last', combine: 'median' },
    ]);
    expect(config.metric.name).toBe('val_acc');
    expect(load(`${BASE}metric: [val_loss, {name: size_mb}]\n`).config.objectives.map((o) => o.name)).toEqual(['val_loss', 'size_mb']);
  });

  it('refuses a list of one, a name listed twice, and a mistake inside an item, where it is', () => {
    expect(errorOf(() => load(`${BASE}metric: [val_loss]\n`))).toBe(
      'sweep.yaml:5:9: metric: a list of objectives needs 2 or more; write a single one as metric: {name, goal}',
    );
    expect(errorOf(() => load(`${BASE}metric: [val_loss, {name: val_loss, goal: maximize}]\n`))).toBe(
      'sweep.yaml:5:9: metric: objective val_loss is listed twice',
    );
    expect(errorOf(() => load(`${BASE}metric:\n  - val_acc\n  - {name: latency_ms, goal: fastest}\n`))).toBe(
      'sweep.yaml:7:30: metric[1].goal: expected minimize or maximize, got "fastest"',
    );
  });

  it('refuses a pruner, pruning across runs and a budget, each naming the objectives', () => {
    expect(errorOf(() => load(`${BASE}${TWO}pruner: median\n`))).toBe(
      'sweep.yaml:8:9: pruner: a pruner judges one objective and this sweep has 2 objectives (val_acc, latency_ms); remove pruner (Optuna does not prune multi-objective studies either)',
    );
    expect(errorOf(() => load(`${BASE}${TWO}folds: 3\nruns_from_env: true\nruns_pruning: true\n`))).toMatch(
      /^sweep\.yaml:10:15: runs_pruning: pruning across runs judges one objective and this sweep has 2 objectives/,
    );
    expect(errorOf(() => load(`${BASE}${TWO}budget: {min: 1, max: 9}\nruns_from_env: true\n`))).toMatch(
      /^sweep\.yaml:8:9: budget: a budget promotes the best trials of a level by one objective/,
    );
  });

  it('allows folds (each objective combined over them) and stop_when on any objective', () => {
    const { config } = load(`${BASE}${TWO}folds: 3\nruns_from_env: true\nstop_when: "latency_ms <= 5"\n`);
    expect(config.folds).toBe(3);
    expect(config.runsPruning).toBeNull();
    expect(config.stopWhen).toMatchObject({ metric: 'latency_ms', op: '<=', value: 5 });
  });
});

describe('samplers with several objectives', () => {
  it('takes tpe, which then reads every objective (Pareto ranks and hypervolume)', async () => {
    const text = `${BASE}${TWO}sampler: tpe\n`;
    const resolved = await resolveSweep(load(text), text);
    expect(resolved.sampler.readsObjectives).toBe('all');
    await resolved.executor.close?.();
  });

  it('takes random, sobol and grid, which never read an objective value, and gives every goal', async () => {
    for (const sampler of ['random', 'sobol', 'grid']) {
      const text = `${BASE.replace('{type: loguniform, low: 1.0e-4, high: 1.0e-1}', '[0.1, 0.01]')}${TWO}sampler: ${sampler}\n`;
      const resolved = await resolveSweep(load(text), text);
      expect(resolved.sampler.readsObjectives).toBe('none');
      await resolved.executor.close?.();
    }
  });

  it('keeps tpe for a single objective', async () => {
    const text = `${BASE}metric: val_loss\nsampler: tpe\n`;
    const resolved = await resolveSweep(load(text), text);
    expect(resolved.sampler.readsObjectives ?? 'first').toBe('first');
  });
});
