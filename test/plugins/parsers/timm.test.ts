import { describe, expect, it } from 'vitest';
import timm from '../../../plugins/parsers/timm.js';
import { parseAll } from './helpers.js';

describe('timm parser', () => {
  it('reads train lines (running averages) and test lines at the train epoch', () => {
    const results = parseAll(timm, [
      'Train: 3 [  49/50 (100%)]  Loss: 6.512 (6.71)  Time: 0.321s, 1595.01/s  (0.402s, 1273.45/s)  LR: 1.000e-05  Data: 0.012 (0.075)',
      'Test: [   0/9]  Time: 2.101 (2.101)  Loss:  0.8911 (0.8911)  Acc@1: 82.8125 (82.8125)  Acc@5: 95.3125 (95.3125)',
      'Test (EMA): [   9/9]  Time: 0.101 (0.250)  Loss:  0.9000 (1.0000)  Acc@1: 80.0000 (78.8000)  Acc@5: 94.0000 (94.3000)',
    ]);
    expect(results[0]!.points).toEqual([
      { name: 'train/Loss', step: 3, value: 6.71 },
      { name: 'train/LR', step: 3, value: 1e-5 },
    ]);
    expect(results[1]!.points.map((p) => [p.name, p.inProgress])).toEqual([
      ['test/Loss', true],
      ['test/Acc@1', true],
      ['test/Acc@5', true],
    ]);
    expect(results[2]!.points).toEqual([
      { name: 'test_ema/Loss', step: 3, value: 1 },
      { name: 'test_ema/Acc@1', step: 3, value: 78.8 },
      { name: 'test_ema/Acc@5', step: 3, value: 94.3 },
    ]);
  });

  it('reads the best metric summary and claims start-up chatter', () => {
    expect(
      parseAll(timm, [
        '*** Best metric: 78.8 (epoch 5)',
        'Model resnet18 created, param count:11689512',
        'Scheduled epochs: 2. LR stepped per epoch.',
      ]),
    ).toEqual([{ points: [{ name: 'Best metric', step: 5, value: 78.8 }] }, { points: [] }, { points: [] }]);
  });
});
