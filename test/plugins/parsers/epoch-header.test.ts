import { describe, expect, it } from 'vitest';
import epochHeader from '../../../plugins/parsers/epoch-header.js';
import { parseAll } from './helpers.js';

describe('epoch-header parser', () => {
  it('announces the step of header lines', () => {
    expect(parseAll(epochHeader, ['Epoch 3/10', '=== Epoch 4 ===', '[Epoch 5 of 10]', '-- Step 300 --', 'EPOCH: 6'])).toEqual([3, 4, 5, 300, 6].map((header) => ({ points: [], header })));
  });

  it('leaves lines with more in them alone', () => {
    expect(parseAll(epochHeader, ['Epoch 3 loss=0.5', 'Starting epoch 3 of training', 'epoch'])).toEqual([null, null, null]);
  });
});
