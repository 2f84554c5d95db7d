import { describe, expect, it } from 'vitest';
import summary from '../../../plugins/parsers/summary.js';
import { lastPoints } from './helpers.js';

const one = (line: string) => lastPoints(summary, [line]);
const meanAndStd = (key: string, mean: number, std: number) => [
  { name: `mean/${key}`, step: null, value: mean },
  { name: `std/${key}`, step: null, value: std },
];

describe('summary parser', () => {
  it('reads a value with a spread as a mean and its standard deviation, whatever the spread looks like', () => {
    expect(one('mean accuracy 0.9789 +/- 0.0060')).toEqual(meanAndStd('accuracy', 0.9789, 0.006));
    expect(one('accuracy 0.98 (+/- 0.01)')).toEqual(meanAndStd('accuracy', 0.98, 0.01));
    expect(one('  Mean CV accuracy 97.9% ± 0.6%')).toEqual(meanAndStd('accuracy', 97.9, 0.6));
    expect(one('val loss 0.41 +- 0.02')).toEqual(meanAndStd('val loss', 0.41, 0.02));
    expect(one('2024-05-01 10:00:00,123 - INFO - mean accuracy 0.97 +/- 0.01')).toEqual(meanAndStd('accuracy', 0.97, 0.01));
    expect(one('Fold 3 mean accuracy 0.97 ± 0.01')).toEqual(meanAndStd('accuracy', 0.97, 0.01));
  });

  it("reads scikit-learn's cross-validation sentence", () => {
    expect(one('0.98 accuracy with a standard deviation of 0.01')).toEqual(meanAndStd('accuracy', 0.98, 0.01));
    expect(one('0.96 f1_macro with a standard deviation of 0.02')).toEqual(meanAndStd('f1_macro', 0.96, 0.02));
  });

  it('reads a qualifier that opens the line, a key and a value that ends it', () => {
    expect(one('Mean accuracy 0.97')).toEqual([{ name: 'mean/accuracy', step: null, value: 0.97 }]);
    expect(one('Best val_accuracy 0.9806')).toEqual([{ name: 'best/val_accuracy', step: null, value: 0.9806 }]);
    expect(one('Final test accuracy 98.2%')).toEqual([{ name: 'final/test accuracy', step: null, value: 98.2 }]);
    expect(one('Average cross validation loss 0.3')).toEqual([{ name: 'mean/loss', step: null, value: 0.3 }]);
  });

  it('leaves separators to kv, and sentences, cut lines and lone qualifiers to no one', () => {
    for (const line of [
      'Accuracy: 0.98 (+/- 0.01)',
      'epoch=3 mean loss 0.4',
      'we reached the best accuracy 0.97',
      'The model reached an accuracy of 0.97 +/- 0.01',
      'mean accuracy 0.97 +/- 0.01 extra',
      'mean accuracy 0.97 +/-',
      'Mean CV 0.97',
      'Test 3',
      'Best 0.9',
      'test-error:0.09120+0.00456',
      'Training took 3',
    ]) {
      expect(one(line), line).toBeUndefined();
    }
  });
});
