import { describe, expect, it } from 'vitest';
import pytorchExamples from '../../../plugins/parsers/pytorch-examples.js';
import { parseAll } from './helpers.js';

describe('pytorch-examples parser', () => {
  it('reads train losses in progress at their epoch, and the test set line at the same epoch', () => {
    const results = parseAll(pytorchExamples, [
      'Train Epoch: 2 [640/60000 (1%)]\tLoss: 0.290000',
      'Train Epoch: 2 [60000/60000 (100%)]\tLoss: 0.050000',
      'Test set: Average loss: 0.0490, Accuracy: 9840/10000 (98%)',
    ]);
    expect(results[0]!.points).toEqual([{ name: 'Loss', step: 2, value: 0.29, inProgress: true }]);
    expect(results[1]!.points).toEqual([{ name: 'Loss', step: 2, value: 0.05, inProgress: false }]);
    expect(results[2]!.points).toEqual([
      { name: 'Average loss', step: 2, value: 0.049 },
      { name: 'Accuracy', step: 2, value: 98.4 },
    ]);
  });

  it('leaves other lines alone', () => {
    expect(parseAll(pytorchExamples, ['Train Epoch 2 loss 3', 'Test set: none'])).toEqual([null, null]);
  });
});
