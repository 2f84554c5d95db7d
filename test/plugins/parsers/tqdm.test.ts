import { describe, expect, it } from 'vitest';
import tqdm from '../../../plugins/parsers/tqdm.js';
import { lastPoints } from './helpers.js';

const one = (line: string) => lastPoints(tqdm, [line]);

describe('tqdm parser', () => {
  it('reads the postfix; the step is the epoch of the description, in progress until the bar is full', () => {
    expect(one('Epoch 3:  45%|████▌     | 45/100 [00:01<00:01, 44.20it/s, loss=0.123, acc=0.9]')).toEqual([
      { name: 'loss', step: 3, value: 0.123, inProgress: true },
      { name: 'acc', step: 3, value: 0.9, inProgress: true },
    ]);
    expect(one('Epoch 3: 100%|██████████| 100/100 [00:02<00:00, 49.75it/s, loss=0.1, acc=0.95]')).toEqual([
      { name: 'loss', step: 3, value: 0.1 },
      { name: 'acc', step: 3, value: 0.95 },
    ]);
  });

  it("uses the bar's count as the step without an epoch, and reads bars without a total", () => {
    expect(one(' 45%|████▌     | 45/100 [00:01<00:01, 44.20it/s, loss=1.23e-5]')).toEqual([{ name: 'loss', step: 45, value: 1.23e-5 }]);
    expect(one('Training: 90it [00:02, 44.90it/s, loss=0.300]')).toEqual([{ name: 'loss', step: 90, value: 0.3 }]);
    expect(one('100%|██████████| 1.23k/1.23k [01:02:03<00:00, 1.23s/it, step=7, loss=0.5]')).toEqual([
      { name: 'loss', step: 7, value: 0.5 },
    ]);
  });

  it('claims bars without a postfix with nothing to report, and never reads the timing figures', () => {
    expect(lastPoints(tqdm, ['  5%|▌         | 50/1000 [00:10<03:10,  5.00it/s]'])).toEqual([]);
    expect(one('Saving [1/2]')).toBeUndefined();
    expect(one('loss=0.5 [00:01]')).toBeUndefined();
  });

  it("gives the training's progress when the bar counts the training's steps, not an epoch's batches", () => {
    const parser = tqdm.create({}, {} as never);
    expect(parser.parse(' 45%|████▌     | 45/100 [00:01<00:01, 44.20it/s, loss=0.5]')?.progress).toEqual({ done: 45, total: 100 });
    expect(parser.parse('  5%|▌         | 50/1000 [00:10<03:10,  5.00it/s]')?.progress).toEqual({ done: 50, total: 1000 });
    expect(parser.parse('Epoch 3:  45%|████▌     | 45/100 [00:01<00:01, 44.20it/s, loss=0.123]')?.progress).toBeUndefined();
    expect(parser.parse('Training: 90it [00:02, 44.90it/s, loss=0.300]')?.progress).toBeUndefined();
  });
});
