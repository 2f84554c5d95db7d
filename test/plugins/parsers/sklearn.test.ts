import { describe, expect, it } from 'vitest';
import sklearn from '../../../plugins/parsers/sklearn.js';
import { parseAll } from './helpers.js';

describe('sklearn parser', () => {
  it('reads MLP iterations and validation scores at that iteration', () => {
    const results = parseAll(sklearn, ['Iteration 4, loss = 0.30000000', 'Validation score: 0.950000']);
    expect(results.flatMap((r) => r!.points)).toEqual([
      { name: 'loss', step: 4, value: 0.3 },
      { name: 'Validation score', step: 4, value: 0.95 },
    ]);
  });

  it("reads SGD's epoch header and statistics line", () => {
    const results = parseAll(sklearn, [
      '-- Epoch 3',
      'Norm: 1.23, NNZs: 10, Bias: 0.100000, T: 300, Avg. loss: 0.350000',
      'Total training time: 0.01 seconds.',
    ]);
    expect(results[0]).toEqual({ points: [], header: 3 });
    expect(results[1]!.points).toEqual([
      { name: 'Norm', step: null, value: 1.23 },
      { name: 'NNZs', step: null, value: 10 },
      { name: 'Bias', step: null, value: 0.1 },
      { name: 'T', step: null, value: 300 },
      { name: 'Avg. loss', step: null, value: 0.35 },
    ]);
    expect(results[2]).toEqual({ points: [] });
  });

  it("reads GradientBoosting's table without the remaining time", () => {
    const results = parseAll(sklearn, [
      '      Iter       Train Loss      OOB Improve   Remaining Time ',
      '         7           0.9876           0.0123            1.01m',
    ]);
    expect(results[1]!.points).toEqual([
      { name: 'Train Loss', step: 7, value: 0.9876 },
      { name: 'OOB Improve', step: 7, value: 0.0123 },
    ]);
  });

  it("reads HistGradientBoosting's iterations as train/loss and val/loss", () => {
    expect(
      parseAll(sklearn, ['[2/100] 1 tree, 31 leaves, max depth = 7, train loss: 0.65012, val loss: 0.66001, in 0.002s'])[0]!.points,
    ).toEqual([
      { name: 'train/loss', step: 2, value: 0.65012 },
      { name: 'val/loss', step: 2, value: 0.66001 },
    ]);
  });

  it('claims the stopping messages (their tol=… is not a metric)', () => {
    expect(parseAll(sklearn, ['Training loss did not improve more than tol=0.000100 for 10 consecutive epochs. Stopping.'])).toEqual([
      { points: [] },
    ]);
  });
});
