import { describe, expect, it } from 'vitest';
import fastai from '../../../plugins/parsers/fastai.js';
import { parseAll } from './helpers.js';

describe('fastai parser', () => {
  it('names columns by the header, skips time and #na#', () => {
    const results = parseAll(fastai, [
      'epoch     train_loss  valid_loss  error_rate  time    ',
      '0         0.170108    0.031396    0.010823    00:20     ',
      '1         0.070108    #na#        #na#        00:19     ',
    ]);
    expect(results[1]!.points).toEqual([
      { name: 'train_loss', step: 0, value: 0.170108 },
      { name: 'valid_loss', step: 0, value: 0.031396 },
      { name: 'error_rate', step: 0, value: 0.010823 },
    ]);
    expect(results[2]!.points).toEqual([{ name: 'train_loss', step: 1, value: 0.070108 }]);
  });

  it('reads no rows before a header', () => {
    expect(parseAll(fastai, ['0         0.170108    0.031396    0.010823    00:20'])).toEqual([null]);
  });
});
