import { describe, expect, it } from 'vitest';
import { withMetric } from '../../../src/engine/config/metric-text.js';
import { objectiveSpec } from '../../../src/engine/metrics/objective.js';

const ACCURACY = objectiveSpec({ name: 'val_accuracy', goal: 'maximize' });

describe('withMetric', () => {
  it('replaces a bare metric name and keeps every other byte, its comment included', () => {
    const text = 'name: s  # mine\nmetric: val_acc  # the objective\ntrials: 4\n';
    expect(withMetric(text, ACCURACY)).toBe(
      'name: s  # mine\nmetric: {name: val_accuracy, goal: maximize, value: last, combine: mean}  # the objective\ntrials: 4\n',
    );
  });

  it('replaces a block mapping and keeps the line that follows it', () => {
    const text = 'metric:\n  name: val_acc\n  goal: maximize\n# budget\ntrials: 4\n';
    expect(withMetric(text, objectiveSpec({ name: 'val_accuracy', goal: 'maximize', value: 'best', combine: 'median' }))).toBe(
      'metric:\n  {name: val_accuracy, goal: maximize, value: best, combine: median}\n# budget\ntrials: 4\n',
    );
  });

  it('quotes a name YAML would not read as itself', () => {
    const text = '{"metric": "x", "trials": 4}';
    expect(withMetric(text, objectiveSpec({ name: 'val: acc, top1', goal: 'minimize' }))).toBe(
      '{"metric": {name: "val: acc, top1", goal: minimize, value: last, combine: mean}, "trials": 4}',
    );
  });
});
