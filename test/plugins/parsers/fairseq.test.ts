import { describe, expect, it } from 'vitest';
import fairseq from '../../../plugins/parsers/fairseq.js';
import { parseAll } from './helpers.js';

const P = '2024-04-08 12:00:00 | INFO |';

describe('fairseq parser', () => {
  it('reads train_inner lines as train_inner/<key> at num_updates', () => {
    expect(
      parseAll(fairseq, [`${P} train_inner | epoch 001:    100 / 1102 loss=9.512, ppl=479.64, num_updates=100, lr=1.25e-05`])[0]!.points,
    ).toEqual([
      { name: 'train_inner/loss', step: 100, value: 9.512 },
      { name: 'train_inner/ppl', step: 100, value: 479.64 },
      { name: 'train_inner/lr', step: 100, value: 1.25e-5 },
    ]);
  });

  it('names validation values by subset and train summaries by tag', () => {
    const [valid, train] = parseAll(fairseq, [
      `${P} valid | epoch 001 | valid on 'test' subset | loss 8.102 | ppl 175.6 | num_updates 1102`,
      `${P} train | epoch 001 | loss 9.012 | num_updates 1102 | wall 361`,
    ]);
    expect(valid!.points).toEqual([
      { name: 'test/loss', step: 1102, value: 8.102 },
      { name: 'test/ppl', step: 1102, value: 175.6 },
    ]);
    expect(train!.points).toEqual([
      { name: 'train/loss', step: 1102, value: 9.012 },
      { name: 'train/wall', step: 1102, value: 361 },
    ]);
  });

  it('reads --log-format json, whose meters are strings and whose end-of-epoch keys carry the tag', () => {
    expect(parseAll(fairseq, [`${P} valid | {"epoch": 2, "valid_loss": "7.5", "valid_num_updates": "1300"}`])[0]!.points).toEqual([
      { name: 'valid/loss', step: 1300, value: 7.5 },
    ]);
  });

  it('claims its other log lines without metrics', () => {
    expect(parseAll(fairseq, [`${P} fairseq_cli.train | num. shared model params: 39,469,056 (num. trained: 39,469,056)`])).toEqual([
      { points: [] },
    ]);
    expect(parseAll(fairseq, ['2024-04-08 loss=3'])).toEqual([null]);
  });
});
