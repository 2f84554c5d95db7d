import { describe, expect, it } from 'vitest';
import lightning from '../../../plugins/parsers/lightning.js';
import { parseAll } from './helpers.js';

describe('lightning parser', () => {
  it('reads the epoch bar, without v_num, in progress until the epoch is done', () => {
    const [mid, done] = parseAll(lightning, [
      'Epoch 2:  45%|████▌     | 422/938 [00:05<00:06, 80.12it/s, v_num=0, train_loss=0.312]',
      'Epoch 2: 100%|██████████| 938/938 [00:11<00:00, 85.00it/s, v_num=0, train_loss=0.201, val_loss=0.180, val_acc=0.945]',
    ]);
    expect(mid!.points).toEqual([{ name: 'train_loss', step: 2, value: 0.312, inProgress: true }]);
    expect(done!.points).toEqual([
      { name: 'train_loss', step: 2, value: 0.201 },
      { name: 'val_loss', step: 2, value: 0.18 },
      { name: 'val_acc', step: 2, value: 0.945 },
    ]);
  });

  it('claims validation and sanity-check bars and the start-up lines without metrics', () => {
    const results = parseAll(lightning, [
      'Validation DataLoader 0: 100%|██████████| 157/157 [00:01<00:00, 150.00it/s]',
      'Sanity Checking DataLoader 0:  50%|█████     | 1/2 [00:00<00:00, 150.00it/s]',
      'TPU available: False, using: 0 TPU cores',
      ' 45%|████▌     | 45/100 [00:01<00:01, 44.20it/s, loss=0.1]',
    ]);
    expect(results).toEqual([{ points: [] }, { points: [] }, { points: [] }, null]);
  });
});
