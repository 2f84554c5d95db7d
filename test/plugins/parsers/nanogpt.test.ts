import { describe, expect, it } from 'vitest';
import nanogpt from '../../../plugins/parsers/nanogpt.js';
import { parseAll } from './helpers.js';

describe('nanogpt parser', () => {
  it('reads evaluation lines as train/loss and val/loss', () => {
    expect(parseAll(nanogpt, ['step 500: train loss 1.2100, val loss 1.5200'])[0]!.points).toEqual([
      { name: 'train/loss', step: 500, value: 1.21 },
      { name: 'val/loss', step: 500, value: 1.52 },
    ]);
  });

  it('reads iteration lines with time in ms and mfu in %', () => {
    expect(parseAll(nanogpt, ['iter 100: loss 2.3000, time 20.00ms, mfu -100.00%'])[0]!.points).toEqual([
      { name: 'loss', step: 100, value: 2.3 },
      { name: 'time', step: 100, value: 20 },
      { name: 'mfu', step: 100, value: -100 },
    ]);
  });

  it('leaves other lines alone', () => {
    expect(parseAll(nanogpt, ['step 5: saving', 'iteration 3: loss 2', 'iter 10: loss=2.3'])).toEqual([null, null, null]);
  });
});
