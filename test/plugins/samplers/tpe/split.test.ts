import { describe, expect, it } from 'vitest';
import { splitHistory } from '../../../../plugins/samplers/tpe/split.js';
import { defaultGamma, defaultWeights } from '../../../../plugins/samplers/tpe/weights.js';
import type { SamplerTrial } from '../../../../src/plugin-api/sampler.js';
import type { TrialState } from '../../../../src/plugin-api/trial-state.js';

function trial(id: number, state: TrialState, objective: number | null, lastStep: number | null = null): SamplerTrial {
  return { id, params: { x: id }, state, objective, lastStep };
}

const ids = (trials: SamplerTrial[]) => trials.map((t) => t.id);
const everyone = (n: number) => n;

describe('splitHistory', () => {
  it("ranks completed trials by objective in the goal's direction and keeps each group in trial order", () => {
    const history = [trial(0, 'completed', 5), trial(1, 'completed', 1), trial(2, 'completed', 3), trial(3, 'completed', 2)];
    const minimize = splitHistory(history, 'minimize', { constantLiar: false, gamma: () => 2 });
    expect(ids(minimize.good)).toEqual([1, 3]);
    expect(ids(minimize.bad)).toEqual([0, 2]);
    const maximize = splitHistory(history, 'maximize', { constantLiar: false, gamma: () => 2 });
    expect(ids(maximize.good)).toEqual([0, 2]);
  });

  it('ranks pruned trials after completed ones: further steps first, then by value, silent ones last', () => {
    const history = [
      trial(0, 'pruned', 0.1, 3),
      trial(1, 'pruned', 0.5, 9),
      trial(2, 'pruned', null),
      trial(3, 'completed', 100),
      trial(4, 'pruned', 0.2, 9),
      trial(5, 'pruned', NaN, 9),
    ];
    const order: number[] = [];
    for (let g = 1; g <= history.length; g++) {
      const { good } = splitHistory(history, 'minimize', { constantLiar: false, gamma: () => g });
      order.push(ids(good).find((id) => !order.includes(id))!);
    }
    expect(order).toEqual([3, 4, 1, 5, 0, 2]);
  });

  it('leaves out failed, killed, timed-out and lost trials and completed ones without a usable value', () => {
    const history = [
      trial(0, 'failed', 1),
      trial(1, 'completed', null),
      trial(2, 'completed', NaN),
      trial(3, 'killed', 1),
      trial(4, 'timed_out', 1, 4),
      trial(5, 'lost', null),
      trial(6, 'completed', Infinity),
      trial(7, 'completed', 2),
    ];
    const split = splitHistory(history, 'minimize', { constantLiar: true, gamma: () => 1 });
    expect(split.finished).toBe(2);
    expect(ids(split.good)).toEqual([7]);
    expect(ids(split.bad)).toEqual([6]);
  });

  it('puts in-flight trials with the bad group under the constant liar, without counting them', () => {
    const history = [
      trial(0, 'completed', 1),
      trial(1, 'running', 0.5, 2),
      trial(2, 'queued', null),
      trial(3, 'paused', -10, 1),
      trial(4, 'pending', null),
      trial(5, 'completed', 3),
    ];
    const liar = splitHistory(history, 'minimize', { constantLiar: true, gamma: everyone });
    expect(liar.finished).toBe(2);
    expect(ids(liar.good)).toEqual([0, 5]);
    expect(ids(liar.bad)).toEqual([1, 2, 3, 4]);
    const honest = splitHistory(history, 'minimize', { constantLiar: false, gamma: everyone });
    expect(ids(honest.bad)).toEqual([]);
  });
});

describe('Optuna 3.1 schedules', () => {
  it('takes 10 % of the trials, rounded up, at most 25, as good', () => {
    expect([0, 1, 10, 11, 100, 250, 251, 10_000].map(defaultGamma)).toEqual([0, 1, 1, 2, 10, 25, 25, 25]);
  });

  it('weighs the newest 25 observations fully and ramps older ones from 1/n', () => {
    expect(Array.from(defaultWeights(0))).toEqual([]);
    expect(Array.from(defaultWeights(24))).toEqual(new Array(24).fill(1));
    const w = Array.from(defaultWeights(100));
    expect(w).toHaveLength(100);
    expect(w[0]).toBeCloseTo(1 / 100, 15);
    expect(w[74]).toBe(1);
    expect(w.slice(75)).toEqual(new Array(25).fill(1));
    for (let i = 1; i < 75; i++) expect(w[i] - w[i - 1]).toBeCloseTo((1 - 1 / 100) / 74, 12);
  });
});
