import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hypervolume } from '../../../../plugins/samplers/tpe/hypervolume.js';
import {
  hypervolumeWeights,
  nondominationRanks,
  selectGoodIndices,
  splitHistoryByObjectives,
} from '../../../../plugins/samplers/tpe/pareto-split.js';
import type { SamplerTrial } from '../../../../src/plugin-api/sampler.js';
import type { TrialState } from '../../../../src/plugin-api/trial-state.js';

/** Optuna 3.1's own functions on these cases, written by pareto-split-reference.py beside this file. */
interface ReferenceCase {
  name: string;
  losses: number[][];
  good_count: number;
  ranks: number[];
  good: number[];
  weights: number[];
  reference: number[];
  hypervolume: number;
}
const reference = JSON.parse(readFileSync(new URL('./pareto-split-reference.json', import.meta.url), 'utf8')) as {
  optuna: string;
  cases: ReferenceCase[];
};

describe("multi-objective TPE split, against Optuna 3.1's functions", () => {
  it('was recorded from Optuna 3.1', () => {
    expect(reference.optuna).toMatch(/^3\.1\./);
    expect(reference.cases.length).toBeGreaterThanOrEqual(10);
  });

  for (const c of reference.cases) {
    describe(c.name, () => {
      it('gives the same non-domination ranks', () => {
        expect([...nondominationRanks(c.losses)]).toEqual(c.ranks);
      });

      it('picks the same good trials in the same order', () => {
        expect(selectGoodIndices(c.losses, c.good_count)).toEqual(c.good);
      });

      it('gives their kernels the same weights', () => {
        const weights = hypervolumeWeights(c.good.map((i) => c.losses[i]));
        expect(weights.length).toBe(c.weights.length);
        weights.forEach((w, i) => expect(w).toBeCloseTo(c.weights[i], 9));
      });

      it('computes the same hypervolume', () => {
        expect(hypervolume(c.losses, c.reference)).toBeCloseTo(c.hypervolume, 10);
      });
    });
  }
});

describe('hypervolume', () => {
  it('is the area of the staircase in two dimensions, dominated points adding nothing', () => {
    // Boxes to (4, 4): (1,3) gives 3×1, (2,2) adds 2×1 more, (3,1) adds 1×1; (3,3) is dominated.
    expect(
      hypervolume(
        [
          [1, 3],
          [3, 3],
          [2, 2],
          [3, 1],
        ],
        [4, 4],
      ),
    ).toBe(6);
  });

  it('counts the overlap of boxes once in three dimensions', () => {
    // Two unit-offset boxes to (2,2,2): 2·2·1 + 1·2·2 − their overlap 1·2·1.
    expect(
      hypervolume(
        [
          [0, 0, 1],
          [1, 0, 0],
        ],
        [2, 2, 2],
      ),
    ).toBe(6);
    expect(
      hypervolume(
        [
          [0, 0, 1],
          [1, 0, 0],
          [1, 1, 1],
        ],
        [2, 2, 2],
      ),
    ).toBe(6);
  });
});

function trial(id: number, state: TrialState, objectives: (number | null)[]): SamplerTrial {
  return { id, params: { x: id }, state, objective: objectives[0], lastStep: null, objectives };
}
const ids = (trials: SamplerTrial[]) => trials.map((t) => t.id);

describe('splitHistoryByObjectives', () => {
  const options = { constantLiar: true, gamma: () => 2 };

  it("folds each goal's direction in before ranking", () => {
    const history = [trial(0, 'completed', [1, 1]), trial(1, 'completed', [9, 9]), trial(2, 'completed', [5, 5])];
    expect(ids(splitHistoryByObjectives(history, ['minimize', 'minimize'], options).good)).toEqual([0, 2]);
    expect(ids(splitHistoryByObjectives(history, ['maximize', 'maximize'], options).good)).toEqual([1, 2]);
    // Maximising the second makes all three a front, thinned by hypervolume: (5, 5) alone dominates
    // the most (4.9 × 4.1 to the reference point (9.9, −0.9)) and is picked first, in 3.1's order.
    expect(ids(splitHistoryByObjectives(history, ['minimize', 'maximize'], options).good)[0]).toBe(2);
  });

  it('counts only completed trials with every objective; in-flight ones join the bad group with the constant liar', () => {
    const history = [
      trial(0, 'completed', [1, 2]),
      trial(1, 'completed', [2, null]),
      trial(2, 'pruned', [0, 0]),
      trial(3, 'running', [null, null]),
      trial(4, 'completed', [2, 1]),
      trial(5, 'completed', [3, Number.NaN]),
      trial(6, 'completed', [3, 3]),
    ];
    const split = splitHistoryByObjectives(history, ['minimize', 'minimize'], options);
    expect(split.finished).toBe(3);
    expect(ids(split.good)).toEqual([0, 4]);
    expect(ids(split.bad)).toEqual([3, 6]);
    expect(split.goodWeights).toHaveLength(2);
    const noLiar = splitHistoryByObjectives(history, ['minimize', 'minimize'], { ...options, constantLiar: false });
    expect(ids(noLiar.bad)).toEqual([6]);
  });
});
