import { describe, expect, it } from 'vitest';
import epochHeader from '../../../plugins/parsers/epoch-header.js';
import { parseAll } from './helpers.js';

describe('epoch-header parser', () => {
  it('announces the step of header lines', () => {
    expect(parseAll(epochHeader, ['=== Epoch 4 ===', '-- Step 300 --', 'EPOCH: 6'])).toEqual(
      [4, 300, 6].map((header) => ({ points: [], header })),
    );
  });

  it('with a total, says how far the training is: the epoch it opens is not done yet', () => {
    expect(parseAll(epochHeader, ['Epoch 3/10', '[Epoch 5 of 10]', 'Epoch 1/20'])).toEqual([
      { points: [], header: 3, progress: { done: 2, total: 10 } },
      { points: [], header: 5, progress: { done: 4, total: 10 } },
      { points: [], header: 1, progress: { done: 0, total: 20 } },
    ]);
  });

  it('opens the context of a fold, split or seed header line', () => {
    expect(
      parseAll(epochHeader, ['Fold 3/5', '=== Fold 3 ===', '----- fold 2 -----', 'Fold 3', '[fold 4/5]', 'Split 2 of 5', 'SEED: 1']),
    ).toEqual(['fold 3', 'fold 3', 'fold 2', 'fold 3', 'fold 4', 'split 2', 'seed 1'].map((context) => ({ points: [], context })));
  });

  it('leaves lines with more in them alone, and a context with no whole index', () => {
    expect(
      parseAll(epochHeader, [
        'Epoch 3 loss=0.5',
        'Starting epoch 3 of training',
        'epoch',
        'Fold 3 accuracy: 0.9',
        'fold 1.5',
        'folds 5',
        'scaffold 3',
      ]),
    ).toEqual([null, null, null, null, null, null, null]);
  });

  it('reads past decoration and any white space to the word, and rules out lines without one', () => {
    expect(
      parseAll(epochHeader, [
        ' '.repeat(47), // a progress bar clearing its line
        '=== \u00a0Epoch 4 ===', // white space past ASCII goes to the pattern
        '\t-- Step 300 --',
        '~~ Seed 2 ~~',
        '=== Loss 4 ===',
        '======',
        '┃ Epoch 3 ┃',
      ]),
    ).toEqual([null, { points: [], header: 4 }, { points: [], header: 300 }, { points: [], context: 'seed 2' }, null, null, null]);
  });
});
