import { describe, expect, it } from 'vitest';
import type { ExtractedPoint } from '../../../src/engine/metrics/extractor.js';
import { PointTriage } from '../../../src/engine/metrics/point-triage.js';
import type { EchoedValue } from '../../../src/plugin-api/parser.js';

const early = (name: string, value: number, step = 0): ExtractedPoint => ({ name, step, value, beforeFirstStep: true });
const at = (name: string, step: number, value: number): ExtractedPoint => ({ name, step, value });

describe('PointTriage: configuration is not a metric', () => {
  it("keeps a parameter printed with the trial's own value apart, whatever its spelling", () => {
    const triage = new PointTriage({ lr: 0.001, 'batch-size': 64, optimizer: 'adam' }, 'val_loss');
    const echoed: Record<string, EchoedValue> = {};
    const kept = triage.sort([at('lr', 1, 0.001), at('batch_size', 1, 64), at('lr', 2, 0.0005), at('val_loss', 1, 0.4)], echoed);
    expect(kept.map((p) => p.name)).toEqual(['lr', 'val_loss']); // the scheduled lr differs: a metric
    expect(echoed).toEqual({ lr: 0.001, batch_size: 64 });
  });

  it('keeps a value printed once before training apart, judged when training starts', () => {
    const triage = new PointTriage({}, 'val_loss');
    const echoed: Record<string, EchoedValue> = {};
    expect(triage.sort([early('train samples', 1437), early('classes', 10)], echoed)).toEqual([]);
    expect(echoed).toEqual({});
    expect(triage.sort([at('loss', 1, 0.9)], echoed)).toEqual([at('loss', 1, 0.9)]);
    expect(echoed).toEqual({ 'train samples': 1437, classes: 10 });
  });

  it('records a step-less value printed twice as a metric, both points', () => {
    const triage = new PointTriage({}, 'val_loss');
    const echoed: Record<string, EchoedValue> = {};
    expect(triage.sort([early('loss', 0.9, 0)], echoed)).toEqual([]);
    expect(triage.sort([early('loss', 0.8, 1)], echoed)).toEqual([early('loss', 0.9, 0), early('loss', 0.8, 1)]);
    expect(triage.sort([early('loss', 0.7, 2)], echoed)).toEqual([early('loss', 0.7, 2)]);
    triage.end(echoed);
    expect(echoed).toEqual({});
  });

  it('records a summary of a metric already recorded, and keeps a summary-shaped count apart', () => {
    const triage = new PointTriage({}, 'val_loss');
    const echoed: Record<string, EchoedValue> = {};
    expect(triage.sort([early('test/samples', 360)], echoed)).toEqual([]);
    const folds = [early('accuracy', 0.97, 0), early('accuracy', 0.98, 1), early('mean/accuracy', 0.975, 1)];
    expect(triage.sort(folds, echoed).map((p) => p.name)).toEqual(['accuracy', 'accuracy', 'mean/accuracy']);
    triage.end(echoed);
    expect(echoed).toEqual({ 'test/samples': 360 });
  });

  it('never keeps the objective or a summary of it apart, and at the end echoes what was printed once', () => {
    const triage = new PointTriage({}, 'accuracy');
    const echoed: Record<string, EchoedValue> = {};
    expect(triage.sort([early('accuracy', 0.97), early('mean/accuracy', 0.97), early('samples', 150)], echoed).map((p) => p.name)).toEqual([
      'accuracy',
      'mean/accuracy',
    ]);
    triage.end(echoed);
    expect(echoed).toEqual({ samples: 150 });
  });

  it("records the spread of the objective's folds (`mean accuracy 0.963 +/- 0.012`) as a result", () => {
    const triage = new PointTriage({}, 'accuracy');
    const echoed: Record<string, EchoedValue> = {};
    const cv = [early('accuracy', 0.95, 0), early('accuracy', 0.96, 1), early('mean/accuracy', 0.955, 1), early('std/accuracy', 0.005, 1)];
    expect(triage.sort(cv, echoed).map((p) => p.name)).toEqual(['accuracy', 'accuracy', 'mean/accuracy', 'std/accuracy']);
    triage.end(echoed);
    expect(echoed).toEqual({});
  });
});

describe('PointTriage: a sweep of several objectives', () => {
  it('keeps every objective a metric, even printed once with no step (a script printing its final scores)', () => {
    const triage = new PointTriage({}, ['accuracy', 'latency_ms']);
    const echoed: Record<string, EchoedValue> = {};
    const kept = triage.sort([early('train samples', 1437), early('accuracy', 0.93), early('latency_ms', 4.2)], echoed);
    triage.end(echoed);
    expect(kept.map((p) => p.name)).toEqual(['accuracy', 'latency_ms']);
    expect(echoed).toEqual({ 'train samples': 1437 });
  });
});
