import { describe, expect, it } from 'vitest';
import { objectiveSpec } from '../../../src/engine/metrics/objective.js';
import { recordedObjectives } from '../../../src/engine/objectives/recorded.js';
import { trialPaths } from '../../../src/engine/state/layout.js';
import { TrialEntry } from '../../../src/engine/sweep/trial-entry.js';

const ACC = objectiveSpec({ name: 'val_acc', goal: 'maximize' });
const LATENCY = objectiveSpec({ name: 'latency_ms', goal: 'minimize', combine: 'median' });

const entry = (...objectives: Array<typeof ACC>) => new TrialEntry(1, { lr: 0.1 }, '/tmp', trialPaths('/tmp/sweep', 1), objectives);

describe('a trial of a sweep with several objectives', () => {
  it('keeps each objective as the first is kept (per context, combined its own way) and records them all', () => {
    const trial = entry(ACC, LATENCY);
    expect(trial.recordPoint('val_acc', 1, 0.8, 'fold 0')).toBe('objective');
    expect(trial.recordPoint('latency_ms', 1, 10, 'fold 0')).toBe('further');
    expect(trial.recordPoint('loss', 1, 0.3, 'fold 0')).toBe('other');
    trial.recordPoint('val_acc', 1, 0.9, 'fold 1');
    trial.recordPoint('latency_ms', 1, 30, 'fold 1');
    trial.recordPoint('latency_ms', 1, 12, 'fold 2');
    // val_acc: mean of 0.8 and 0.9; latency_ms: median of 10, 30, 12
    expect(trial.objectiveValues()[0]).toBeCloseTo(0.85, 12);
    expect(trial.objectiveValues()[1]).toBe(12);
    const record = trial.record();
    expect(record.objective).toBeCloseTo(0.85, 12);
    expect(recordedObjectives(record)).toEqual(trial.objectiveValues());
    expect(trial.standing().objectives).toEqual(trial.objectiveValues());
    trial.syncSamplerView();
    expect(trial.samplerView.objectives).toEqual(trial.objectiveValues());
  });

  it('says null for an objective never reported', () => {
    const trial = entry(ACC, LATENCY);
    trial.recordPoint('val_acc', 1, 0.8);
    expect(recordedObjectives(trial.record())).toEqual([0.8, null]);
  });

  it('starts every objective afresh on a re-run', () => {
    const trial = entry(ACC, LATENCY);
    trial.recordPoint('val_acc', 1, 0.8);
    trial.recordPoint('latency_ms', 1, 9);
    trial.resetForRerun();
    expect(trial.objectiveValues()).toEqual([null, null]);
  });

  it('with one objective records it as before, and reads back as a list of one', () => {
    const trial = entry(ACC);
    trial.recordPoint('val_acc', 1, 0.7);
    trial.recordPoint('latency_ms', 1, 9);
    const record = trial.record();
    expect(record).not.toHaveProperty('objectives');
    expect(trial.standing()).not.toHaveProperty('objectives');
    expect(recordedObjectives(record)).toEqual([0.7]);
  });
});
