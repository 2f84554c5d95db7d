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

  it('keeps `name=value` keys to one word, and a qualifier word before one makes it a summary', () => {
    expect(one('final val_loss=0.45')).toEqual([{ name: 'final/val_loss', step: null, value: 0.45 }]);
    expect(one('  Num examples = 640')).toEqual([{ name: 'Num examples', step: null, value: 640 }]);
  });

  it('names a summary qualifier/key, apart from the curve of its key', () => {
    const cases: Array<[string, string, number]> = [
      ['Best val_accuracy: 0.9806', 'best/val_accuracy', 0.9806],
      ['Test accuracy: 0.98', 'test/accuracy', 0.98],
      ['Mean CV accuracy: 0.9789', 'mean/accuracy', 0.9789],
      ['Mean cross-validation accuracy: 0.97', 'mean/accuracy', 0.97],
      ['Mean cross validation accuracy: 0.97', 'mean/accuracy', 0.97],
      ['Average loss: 0.3', 'mean/loss', 0.3],
      ['Avg. loss: 0.35', 'mean/loss', 0.35],
      ['stdev accuracy = 0.01', 'std/accuracy', 0.01],
      ['Best iteration: 42', 'best/iteration', 42],
      ['best epoch=7', 'best/epoch', 7],
      ['INFO - Best Val Acc: 0.9', 'best/Val Acc', 0.9],
      ['Mean CV val_acc: 0.91', 'mean/val_acc', 0.91],
    ];
    for (const [line, name, value] of cases) expect(one(line), line).toEqual([{ name, step: null, value }]);
    expect(one('loss: 0.5 - final acc: 0.9')).toEqual([
      { name: 'loss', step: null, value: 0.5 },
      { name: 'final/acc', step: null, value: 0.9 },
    ]);
    expect(one('Epoch 3 | Train Loss: 0.41 | Test Loss: 0.45')).toEqual([
      { name: 'Train Loss', step: 3, value: 0.41 },
      { name: 'test/Loss', step: 3, value: 0.45 },
    ]);
  });

  it('leaves a qualifier inside a one-word key, and a qualifier with no key, as printed', () => {
    expect(one('best_score: 0.3 val_best_acc=0.2 lr_final=1e-5')).toEqual([
      { name: 'best_score', step: null, value: 0.3 },
      { name: 'val_best_acc', step: null, value: 0.2 },
      { name: 'lr_final', step: null, value: 1e-5 },
    ]);
    expect(one('Mean CV: 0.3')).toEqual([{ name: 'Mean CV', step: null, value: 0.3 }]);
  });

  it('reads a value with a spread as its mean and its standard deviation', () => {
    const meanAndStd = (key: string, mean: number, std: number) => [
      { name: `mean/${key}`, step: null, value: mean },
      { name: `std/${key}`, step: null, value: std },
    ];
    expect(one('Accuracy: 0.98 (+/- 0.01)')).toEqual(meanAndStd('Accuracy', 0.98, 0.01));
    expect(one('accuracy: 0.98 ± 0.01')).toEqual(meanAndStd('accuracy', 0.98, 0.01));
    expect(one('accuracy: 0.98±0.01')).toEqual(meanAndStd('accuracy', 0.98, 0.01));
    expect(one('f1=0.91 +- 0.02')).toEqual(meanAndStd('f1', 0.91, 0.02));
    expect(one('Mean CV accuracy: 97.89% (+/- 0.60%)')).toEqual(meanAndStd('accuracy', 97.89, 0.6));
    expect(one('Best accuracy: 0.98 ± 0.01')).toEqual([
      { name: 'best/accuracy', step: null, value: 0.98 },
      { name: 'std/accuracy', step: null, value: 0.01 },
    ]);
    // not a spread: an unclosed bracket, or xgb.cv's `mean+std` glued together
    expect(one('accuracy: 0.98 (+/- 0.01')).toEqual([{ name: 'accuracy', step: null, value: 0.98 }]);
    expect(one('test-error:0.09120+0.00456')).toBeUndefined();
  });

  it('opens the context a line names (fold, split, seed) and never records it as a metric', () => {
    const cases: Array<[string, string]> = [
      ['fold 2: accuracy=0.95', 'fold 2'],
      ['Fold 1 accuracy: 0.95', 'fold 1'],
      ['fold=1 accuracy=0.95', 'fold 1'],
      ['[fold 3/5] accuracy=0.95', 'fold 3'],
      ['split 2: accuracy=0.95', 'split 2'],
      ['seed=3 accuracy=0.95', 'seed 3'],
      ['Fold #4 | accuracy: 0.95', 'fold 4'],
    ];
    for (const [line, context] of cases)
      expect(parseAll(kv, [line])[0], line).toEqual({ points: [{ name: 'accuracy', step: null, value: 0.95 }], context });
    expect(parseAll(kv, ['fold=1', 'Random seed: 42', 'fold: 0'])).toEqual([
      { points: [], context: 'fold 1' },
      { points: [], context: 'seed 42' },
      { points: [], context: 'fold 0' },
    ]);
    // not an index: no context, and still not a metric
    expect(parseAll(kv, ['split=0.2 loss=0.3', 'fold=1.5'])).toEqual([{ points: [{ name: 'loss', step: null, value: 0.3 }] }, null]);
    // words that merely contain one
    expect(parseAll(kv, ['n_folds=5 manifold 3 loss=0.1', 'folds 5: loss=0.1'])).toEqual([
      {
        points: [
          { name: 'n_folds', step: null, value: 5 },
          { name: 'loss', step: null, value: 0.1 },
        ],
      },
      { points: [{ name: 'loss', step: null, value: 0.1 }] },
    ]);
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
      'I tensorflow/core/platform/cpu_feature_guard.cc:182] This TensorFlow binary is optimized',
      '`Trainer.fit` stopped: `max_epochs=2` reached.',
      'a == 3',
    ]) {
      expect(one(line), line).toBeUndefined();
    }
    expect(one('Number of trainable parameters = 66,955,010')).toBeUndefined();
  });

  it("echoes argparse's Namespace(…) as configuration, also after a logging prefix, and never as metrics", () => {
    expect(
      parseAll(kv, [
        "Namespace(lr=0.001, batch_size=64, optimizer='adam', amp=True, layers=[64, 32], out=None)",
        'INFO:root:Namespace(lr=0.01)',
      ]),
    ).toEqual([
      { points: [], echoed: { lr: 0.001, batch_size: 64, optimizer: 'adam', amp: true, layers: '[64, 32]', out: null } },
      { points: [], echoed: { lr: 0.01 } },
    ]);
    // cut: not configuration, and still not metrics
    expect(one('Namespace(lr=0.01, batch_size=64')).toBeUndefined();
  });

  it('skips the source lines of a Python traceback', () => {
    const results = parseAll(kv, [
      'Traceback (most recent call last):',
      '  File "train.py", line 42, in <module>',
      '    main(lr=0.01)',
      'ValueError: loss=nan',
      'loss=0.5',
    ]);
    expect(results.map((r) => r?.points.length ?? null)).toEqual([0, 0, 0, null, 1]);
  });
});
