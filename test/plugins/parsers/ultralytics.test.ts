import { describe, expect, it } from 'vitest';
import ultralytics from '../../../plugins/parsers/ultralytics.js';
import { parseAll } from './helpers.js';

const HEAD = '      Epoch    GPU_mem   box_loss   cls_loss   dfl_loss  Instances       Size';
const VAL_HEAD =
  '                 Class     Images  Instances      Box(P          R      mAP50  mAP50-95): 100%|██████████| 1/1 [00:00<00:00,  2.50it/s]';

describe('ultralytics parser', () => {
  it('names training columns by the header and skips Instances and Size', () => {
    const results = parseAll(ultralytics, [
      HEAD,
      '        1/10      2.61G      1.234      2.345      1.111         52        640:  50%|█████     | 4/8 [00:02<00:02,  1.80it/s]',
    ]);
    expect(results[1]!.points).toEqual([
      { name: 'GPU_mem', step: 1, value: 2.61, inProgress: true },
      { name: 'box_loss', step: 1, value: 1.234, inProgress: true },
      { name: 'cls_loss', step: 1, value: 2.345, inProgress: true },
      { name: 'dfl_loss', step: 1, value: 1.111, inProgress: true },
    ]);
  });

  it('names validation columns by group (Box/mAP50) and reads only the `all` row, at the last epoch', () => {
    const results = parseAll(ultralytics, [
      HEAD,
      '        2/10         0G      1.301      2.512      1.201         50        640: 100%|██████████| 8/8 [00:04<00:00,  1.85it/s]',
      VAL_HEAD,
      '                   all          4         17      0.612      0.833      0.888      0.621',
      '                person          3         10      0.701      0.812      0.911      0.655',
    ]);
    expect(results[3]!.points).toEqual([
      { name: 'Box/P', step: 2, value: 0.612 },
      { name: 'Box/R', step: 2, value: 0.833 },
      { name: 'Box/mAP50', step: 2, value: 0.888 },
      { name: 'Box/mAP50-95', step: 2, value: 0.621 },
    ]);
    expect(results[4]).toBeNull();
  });

  it('reads segmentation and classification heads, and prefixes the final best.pt validation', () => {
    const results = parseAll(ultralytics, [
      '                 Class     Images  Instances      Box(P          R      mAP50  mAP50-95)     Mask(P          R      mAP50  mAP50-95): 100%|██████████| 1/1 [00:00<00:00,  2.50it/s]',
      '                   all          4         17        0.6        0.8        0.9        0.7       0.55       0.75       0.85       0.65',
      'Validating runs/segment/train/weights/best.pt...',
      '               classes   top1_acc   top5_acc: 100%|██████████| 1/1 [00:00<00:00,  2.50it/s]',
      '                   all      0.812          1',
    ]);
    expect(results[1]!.points.map((p) => p.name)).toEqual([
      'Box/P',
      'Box/R',
      'Box/mAP50',
      'Box/mAP50-95',
      'Mask/P',
      'Mask/R',
      'Mask/mAP50',
      'Mask/mAP50-95',
    ]);
    expect(results[4]!.points).toEqual([
      { name: 'best/top1_acc', step: null, value: 0.812 },
      { name: 'best/top5_acc', step: null, value: 1 },
    ]);
  });
});
