import { describe, expect, it } from 'vitest';
import kv from '../../../plugins/parsers/kv.js';
import { lastPoints, parseAll } from './helpers.js';

const one = (line: string) => lastPoints(kv, [line]);

describe('kv parser', () => {
  it('reads several key=value pairs with units, nan and inf, and the step key', () => {
    expect(one('epoch=3 loss=0.41 acc=93.1% time=12ms lr=1.2e-05 gn=nan x=-inf')).toEqual([
      { name: 'loss', step: 3, value: 0.41 },
      { name: 'acc', step: 3, value: 93.1 },
      { name: 'time', step: 3, value: 12 },
      { name: 'lr', step: 3, value: 1.2e-5 },
      { name: 'gn', step: 3, value: NaN },
      { name: 'x', step: 3, value: -Infinity },
    ]);
  });

  it('splits on , | - tabs and spaces, and prefers step over epoch', () => {
    expect(one('epoch: 2, step: 1200 | loss: 0.5 - acc: 0.9\tf1: 0.7')).toEqual([
      { name: 'loss', step: 1200, value: 0.5 },
      { name: 'acc', step: 1200, value: 0.9 },
      { name: 'f1', step: 1200, value: 0.7 },
    ]);
  });

  it('takes the step from words such as `Epoch 3` and `Epoch [3/10], Step [100/600]`', () => {
    expect(one('Epoch 3 | Train Loss: 0.41 | Val Loss: 0.45')).toEqual([
      { name: 'Train Loss', step: 3, value: 0.41 },
      { name: 'Val Loss', step: 3, value: 0.45 },
    ]);
    expect(one('Epoch [3/10], Step [100/600], Loss: 0.2')).toEqual([{ name: 'Loss', step: 3, value: 0.2, inProgress: true }]);
  });

  it('keeps `name=value` keys to one word, so `final val_loss=…` is val_loss', () => {
    expect(one('final val_loss=0.45')).toEqual([{ name: 'val_loss', step: null, value: 0.45 }]);
    expect(one('  Num examples = 640')).toEqual([{ name: 'Num examples', step: null, value: 640 }]);
  });

  it('finds pairs after a logging prefix', () => {
    expect(one('2024-05-01 10:00:00,123 - INFO - val_loss: 0.4411')).toEqual([{ name: 'val_loss', step: null, value: 0.4411 }]);
    expect(one('INFO:root:loss=0.3')).toEqual([{ name: 'loss', step: null, value: 0.3 }]);
  });

  it('does not read numbers inside timestamps, paths, versions, prose, warnings or thousands', () => {
    for (const line of [
      '12:00:00',
      "Saving model to '/tmp/run/epoch=3-step=400.ckpt'",
      'checkpoint: runs/epoch=3-step=100.ckpt',
      'torch version: 2.1.0',
      'Number of data points in the train set: 800, number of used features: 10',
      '/usr/lib/python3/x.py:558: UserWarning: num_workers=8 is too many',
      'WARNING:root:lr=0.1 is large',
      'Namespace(lr=0.01, batch_size=64)',
      'I tensorflow/core/platform/cpu_feature_guard.cc:182] This TensorFlow binary is optimized',
      '`Trainer.fit` stopped: `max_epochs=2` reached.',
      'a == 3',
    ]) {
      expect(one(line), line).toBeUndefined();
    }
    expect(one('Number of trainable parameters = 66,955,010')).toBeUndefined();
  });

  it('skips the source lines of a Python traceback', () => {
    const results = parseAll(kv, ['Traceback (most recent call last):', '  File "train.py", line 42, in <module>', '    main(lr=0.01)', 'ValueError: loss=nan', 'loss=0.5']);
    expect(results.map((r) => r?.points.length ?? null)).toEqual([0, 0, 0, null, 1]);
  });
});
