import { describe, expect, it } from 'vitest';
import detectron2 from '../../../plugins/parsers/detectron2.js';
import { parseAll } from './helpers.js';

describe('detectron2 parser', () => {
  it('reads the events line at its iteration, without eta, with max_mem in MB', () => {
    expect(
      parseAll(detectron2, [
        '[04/15 12:00:10 d2.utils.events]:  eta: 0:10:00  iter: 19  total_loss: 2.104  loss_cls: 0.8123  time: 0.5000  data_time: 0.0100  lr: 0.00039962  max_mem: 2500M',
      ])[0]!.points,
    ).toEqual([
      { name: 'total_loss', step: 19, value: 2.104 },
      { name: 'loss_cls', step: 19, value: 0.8123 },
      { name: 'time', step: 19, value: 0.5 },
      { name: 'data_time', step: 19, value: 0.01 },
      { name: 'lr', step: 19, value: 0.00039962 },
      { name: 'max_mem', step: 19, value: 2500 },
    ]);
  });

  it('reads copypaste evaluation results as <task>/<metric> at the last iteration', () => {
    const results = parseAll(detectron2, [
      '[04/15 12:00:10 d2.utils.events]:  iter: 99  total_loss: 2.1  lr: 0.001',
      '[04/15 12:10:00 d2.evaluation.testing]: copypaste: Task: segm',
      '[04/15 12:10:00 d2.evaluation.testing]: copypaste: AP,AP50',
      '[04/15 12:10:00 d2.evaluation.testing]: copypaste: 40.2,nan',
    ]);
    expect(results[3]!.points).toEqual([
      { name: 'segm/AP', step: 99, value: 40.2 },
      { name: 'segm/AP50', step: 99, value: NaN },
    ]);
  });
});
