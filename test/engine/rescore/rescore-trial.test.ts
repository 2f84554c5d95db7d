import { describe, expect, it } from 'vitest';
import { objectiveSpec } from '../../../src/engine/metrics/objective.js';
import { flagAfterPrune } from '../../../src/engine/rescore/after-prune.js';
import { rescoreTrial } from '../../../src/engine/rescore/rescore-trial.js';
import type { StoredPoint } from '../../../src/engine/state/metric-log.js';
import type { TrialRecord } from '../../../src/engine/state/records.js';
import { blankRecord } from '../../../src/engine/state/sweep-document.js';

const OLD = objectiveSpec({ name: 'val_acc', goal: 'minimize' });
const AT = 1_700_000_000_000;

function point(name: string, step: number, value: number, more: Partial<StoredPoint> = {}): StoredPoint {
  return { name, step, value, time: 0, offset: 0, ...more };
}

/** Three folds of accuracy: last values 0.80, 0.65, 0.85; best 0.90, 0.65, 0.95. */
const FOLDS: StoredPoint[] = [
  ...[0.7, 0.9, 0.8].map((v, step) => point('accuracy', step, v, { context: 'fold 1' })),
  ...[0.6, 0.65].map((v, step) => point('accuracy', step, v, { context: 'fold 2' })),
  ...[0.5, 0.95, 0.85].map((v, step) => point('accuracy', step, v, { context: 'fold 3' })),
  // printed while being stopped: never counted
  point('accuracy', 3, 0.99, { context: 'fold 3', afterPrune: true }),
  point('loss', 2, 0.3),
];

const completed = (more: Partial<TrialRecord> = {}): TrialRecord => ({
  ...blankRecord(4, 'completed'),
  exitCode: 0,
  reason: 'no val_acc reported',
  ...more,
});

describe('rescoreTrial on a trial of three folds', () => {
  it.each([
    ['last', 'mean', (0.8 + 0.65 + 0.85) / 3],
    ['last', 'median', 0.8],
    ['best', 'mean', (0.9 + 0.65 + 0.95) / 3],
    ['best', 'median', 0.9],
  ] as const)('value %s, combine %s', (value, combine, expected) => {
    const fields = rescoreTrial(completed(), FOLDS, objectiveSpec({ name: 'accuracy', goal: 'maximize', value, combine }), OLD, AT);
    expect(fields.objective).toBeCloseTo(expected, 12);
    // the best beside it: each fold's best, combined as the objective is
    expect(fields.best).toBeCloseTo(combine === 'mean' ? (0.9 + 0.65 + 0.95) / 3 : 0.9, 12);
    expect([fields.steps, fields.contexts]).toEqual([8, 3]);
    expect(fields.spread).toBeGreaterThan(0);
  });

  it('keeps what the trial had, and clears the reason that said the old objective was never reported', () => {
    const earlier = {
      at: 1,
      metric: { name: 'loss', goal: 'minimize', value: 'last', combine: 'mean' },
      objective: 0.3,
      best: 0.3,
      state: 'completed' as const,
    };
    const fields = rescoreTrial(completed({ rescored: [earlier] }), FOLDS, objectiveSpec({ name: 'accuracy', goal: 'maximize' }), OLD, AT);
    expect(fields.reason).toBeNull();
    expect(fields.rescored).toEqual([
      earlier,
      {
        at: AT,
        metric: { name: 'val_acc', goal: 'minimize', value: 'last', combine: 'mean' },
        objective: null,
        best: null,
        state: 'completed',
      },
    ]);
  });

  it('says when the new objective was not reported either, and leaves any other reason alone', () => {
    const spec = objectiveSpec({ name: 'f1', goal: 'maximize' });
    expect(rescoreTrial(completed(), FOLDS, spec, OLD, AT)).toMatchObject({ objective: null, reason: 'no f1 reported', steps: 0 });
    const pruned = { ...blankRecord(4, 'pruned'), reason: 'pruned by median at step 1' };
    expect(rescoreTrial(pruned, FOLDS, objectiveSpec({ name: 'accuracy', goal: 'maximize' }), OLD, AT).reason).toBe(
      'pruned by median at step 1',
    );
  });

  it('takes a summary when the plain name was never printed, and names it', () => {
    const fields = rescoreTrial(
      completed(),
      [point('mean/accuracy', 0, 0.91), point('std/accuracy', 0, 0.02)],
      objectiveSpec({ name: 'accuracy', goal: 'maximize' }),
      OLD,
      AT,
    );
    expect([fields.objective, fields.objectiveSource, fields.contexts]).toEqual([0.91, 'mean/accuracy', undefined]);
  });
});

describe('flagAfterPrune', () => {
  const reread = [
    point('val_accuracy', 1, 0.5, { offset: 100 }),
    point('val_accuracy', 2, 0.6, { offset: 200 }),
    point('val_accuracy', 3, 0.7, { offset: 300 }),
  ];

  it('flags the points from lines after the last one the run counted in that log', () => {
    const recorded = [
      point('val_loss', 1, 0.9, { offset: 100 }),
      point('val_loss', 2, 0.8, { offset: 200 }),
      point('val_loss', 3, 0.7, { offset: 300, afterPrune: true }),
    ];
    expect(flagAfterPrune(reread, recorded, 2).map((p) => p.afterPrune ?? false)).toEqual([false, false, true]);
  });

  it('goes by the step when the run counted nothing from that log, and flags nothing of a trial never pruned', () => {
    expect(flagAfterPrune(reread, [], 1).map((p) => p.afterPrune ?? false)).toEqual([false, true, true]);
    expect(flagAfterPrune(reread, [], undefined)).toEqual(reread);
  });
});
