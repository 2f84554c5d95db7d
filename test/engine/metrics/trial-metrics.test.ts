import { describe, expect, it } from 'vitest';
import { TrialMetrics } from '../../../src/engine/metrics/trial-metrics.js';
import { combineResults, objectiveSpec, spreadOf } from '../../../src/engine/metrics/objective.js';

const spec = (patch: Partial<Parameters<typeof objectiveSpec>[0]> = {}) => objectiveSpec({ name: 'accuracy', goal: 'maximize', ...patch });

describe('TrialMetrics: the objective a user means', () => {
  it('for a plain script is the last value reported, with the best beside it', () => {
    const m = new TrialMetrics(spec());
    expect(m.record('accuracy', 1, 0.9)).toBe('objective');
    m.record('accuracy', 2, 0.95);
    m.record('accuracy', 3, 0.93);
    expect(m.record('loss', 3, 0.2)).toBe('other');
    expect(m).toMatchObject({ objective: 0.93, best: 0.95, step: 3, steps: 3, spread: null, contexts: 1, source: null });
  });

  it('ranks a 5-fold run by its fold mean, not by its last fold, with the spread beside it', () => {
    const folds = [0.97, 0.98, 0.9722, 0.9833, 0.9889];
    const m = new TrialMetrics(spec());
    folds.forEach((value, i) => m.record('accuracy', 0, value, `fold ${i + 1}`));
    const mean = folds.reduce((a, b) => a + b) / folds.length;
    expect(m.objective).toBeCloseTo(mean, 12);
    expect(m.spread).toBeCloseTo(Math.sqrt(folds.reduce((s, x) => s + (x - mean) ** 2, 0) / folds.length), 12);
    expect(m).toMatchObject({ contexts: 5, steps: 5 });
    // one value per fold: the best is the mean too, not the luckiest fold's 0.9889
    expect(m.best).toBeCloseTo(mean, 12);
  });

  it("takes each fold's last or best value, and combines by mean or median", () => {
    const curves: Array<[string, number[]]> = [
      ['fold 1', [0.5, 0.9, 0.8]],
      ['fold 2', [0.6, 0.7]],
      ['fold 3', [0.1, 0.95, 0.2]],
    ];
    const feed = (m: TrialMetrics) => {
      for (const [context, values] of curves) values.forEach((v, step) => m.record('accuracy', step, v, context));
      return m;
    };
    expect(feed(new TrialMetrics(spec())).objective).toBeCloseTo((0.8 + 0.7 + 0.2) / 3, 12);
    expect(feed(new TrialMetrics(spec({ value: 'best' }))).objective).toBeCloseTo((0.9 + 0.7 + 0.95) / 3, 12);
    expect(feed(new TrialMetrics(spec({ combine: 'median' }))).objective).toBe(0.7);
    expect(feed(new TrialMetrics(spec({ value: 'best', goal: 'minimize' }))).objective).toBeCloseTo((0.5 + 0.6 + 0.1) / 3, 12);
    // the best beside the objective is each fold's best, combined as the objective is
    expect(feed(new TrialMetrics(spec())).best).toBeCloseTo((0.9 + 0.7 + 0.95) / 3, 12);
    expect(feed(new TrialMetrics(spec({ combine: 'median' }))).best).toBe(0.9);
  });

  it('lets a summary stand in only while the plain name is never printed, and says which', () => {
    const m = new TrialMetrics(objectiveSpec({ name: 'val_loss', goal: 'minimize' }));
    expect(m.record('std/val_loss', 9, 0.01)).toBe('other');
    expect(m.record('final/val_loss', 9, 0.41)).toBe('stand-in');
    expect(m).toMatchObject({ objective: 0.41, source: 'final/val_loss' });
    m.record('mean/val_loss', 9, 0.43);
    expect(m).toMatchObject({ objective: 0.43, source: 'mean/val_loss' });
    m.record('val_loss', 10, 0.5);
    expect(m).toMatchObject({ objective: 0.5, source: null, steps: 1 });
  });

  it('never lets a summary merge into the curve: Best val_accuracy above the last epoch leaves the objective at the last epoch', () => {
    const m = new TrialMetrics(objectiveSpec({ name: 'val_accuracy', goal: 'maximize' }));
    for (let epoch = 1; epoch <= 20; epoch++) m.record('val_accuracy', epoch, epoch === 20 ? 0.975 : 0.95 + epoch / 1000);
    m.record('best/val_accuracy', 20, 0.9806);
    expect(m).toMatchObject({ objective: 0.975, steps: 20, source: null });
  });

  it('a NaN fold makes the objective NaN (a diverged fold ranks the trial last)', () => {
    expect(combineResults([0.5, NaN], 'mean')).toBeNaN();
    expect(combineResults([0.5, NaN], 'median')).toBeNaN();
    expect(spreadOf([0.5, NaN])).toBeNull();
    expect(spreadOf([0.5])).toBeNull();
  });
});
