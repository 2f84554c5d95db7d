import { describe, expect, it } from 'vitest';
import { importanceReport } from '../../../src/engine/analysis/importance-report.js';
import type { TrialRecord } from '../../../src/engine/state/records.js';
import type { Params, SearchSpace } from '../../../src/plugin-api/space.js';
import { blankRecord } from '../../../src/engine/state/sweep-document.js';
import { momentumForSgd, OPTIMIZER } from '../../helpers/conditional-space.js';

const SPACE: SearchSpace = [
  { kind: 'float', name: 'lr', low: 1e-5, high: 1, log: true },
  { kind: 'int', name: 'layers', low: 1, high: 8, step: 1, log: false },
];

/** 20 completed trials, the best (lowest) two at lr 1e-4 and 1e-2, layers 3 and 4. */
function trials(): TrialRecord[] {
  return Array.from({ length: 20 }, (_, id) => {
    const best = id < 2;
    const params = best ? { lr: id === 0 ? 1e-4 : 1e-2, layers: 3 + id } : { lr: 0.5, layers: 8 };
    return { ...blankRecord(id, 'completed'), params, objective: best ? id : 10 + id };
  });
}

describe('the best region', () => {
  it("takes a log-scaled parameter's quartiles in log space, and an integer's as whole values", () => {
    const { regions, regionTrials } = importanceReport(trials(), SPACE, 'minimize');
    expect(regionTrials).toBe(2);
    const lr = regions.find((r) => r.name === 'lr');
    // in log space the middle of 1e-4 and 1e-2 is 1e-3, and the quartiles 10^-3.5 and 10^-2.5
    expect(lr).toMatchObject({ kind: 'range' });
    if (lr?.kind !== 'range') return;
    expect(lr.median).toBeCloseTo(1e-3, 10);
    expect(lr.low).toBeCloseTo(10 ** -3.5, 10);
    expect(lr.high).toBeCloseTo(10 ** -2.5, 10);
    expect(regions.find((r) => r.name === 'layers')).toMatchObject({ kind: 'range', low: 3, high: 4, median: 3.5 });
  });
});

describe('the analysis of a conditional space', () => {
  const space: SearchSpace = [
    OPTIMIZER,
    momentumForSgd(1),
    {
      kind: 'float',
      name: 'beta1',
      low: 0.8,
      high: 1,
      log: false,
      when: { op: 'compare', comparison: '==', name: 'optimizer', value: 'adam' },
    },
    { kind: 'int', name: 'layers', low: 1, high: 4, step: 1, log: false },
  ];
  /** 40 trials, alternating optimizers; the objective follows layers; the best ten are all sgd. */
  const conditional = (): TrialRecord[] =>
    Array.from({ length: 40 }, (_, id) => {
      const sgd = id % 2 === 0;
      const layers = 1 + (id % 4);
      const params: Params = sgd ? { optimizer: 'sgd', momentum: id / 40, layers } : { optimizer: 'adam', beta1: 0.8 + id / 200, layers };
      return { ...blankRecord(id, 'completed'), params, objective: layers + (sgd ? 0 : 10) + id / 1000 };
    });

  it('scores the parameters every trial has, and names the conditional ones it leaves out', () => {
    const { importance } = importanceReport(conditional(), space, 'minimize');
    expect(importance.computed).toBe(true);
    if (!importance.computed) return;
    expect(importance.importances.map((i) => i.name).sort()).toEqual(['layers', 'optimizer']);
    expect(importance.absent).toEqual(['momentum', 'beta1']);
  });

  it("draws a conditional parameter's region from the best trials that have it, and gives none when none does", () => {
    const { regions, regionTrials } = importanceReport(conditional(), space, 'minimize');
    expect(regionTrials).toBe(4);
    expect(regions.map((r) => r.name)).toEqual(['optimizer', 'momentum', 'layers']);
    expect(regions.find((r) => r.name === 'momentum')).toMatchObject({ kind: 'range' });
    expect(regions.find((r) => r.name === 'optimizer')).toEqual({
      name: 'optimizer',
      kind: 'shares',
      shares: [{ value: 'sgd', share: 1 }],
    });
  });
});
