import { describe, expect, it } from 'vitest';
import { createPruner } from '../../../plugins/registry.js';
import type { PruneDecision, PrunerSpec } from '../../../src/plugin-api/pruner.js';
import { createPruningStudy, type RestoredTrial } from '../../../src/engine/pruning/study.js';
import { Rng } from '../../../src/plugin-api/rng.js';

const context = { metricName: 'val_loss', goal: 'minimize' as const };
const makeStudy = (spec: PrunerSpec, goal: 'minimize' | 'maximize' = 'minimize') =>
  createPruningStudy(createPruner(spec, { ...context, goal }), { ...context, goal });
const STARTUP_1 = { type: 'median', n_startup_trials: 1 };

function completeTrial(study: ReturnType<typeof makeStudy>, id: number, values: number[]) {
  study.addTrial(id);
  values.forEach((value, step) => study.report(id, step, value));
  study.setState(id, 'completed');
}

describe('PruningStudy', () => {
  it('judges each fold against the same fold of the completed trials, never against another fold', () => {
    const study = makeStudy(STARTUP_1);
    study.addTrial(0);
    // trial 0: a good fold 1, a hard fold 2 (every trial does worse on it)
    [0.2, 0.1].forEach((value, step) => study.report(0, step, value, 'fold 1'));
    [0.9, 0.8].forEach((value, step) => study.report(0, step, value, 'fold 2'));
    study.setState(0, 'completed');
    study.addTrial(1);
    expect(study.report(1, 1, 0.15, 'fold 1').action).toBe('prune');
    // as good as trial 0 on fold 2: against fold 1's median of 0.1 it would be pruned
    study.addTrial(2);
    expect(study.report(2, 1, 0.8, 'fold 2').action).toBe('continue');
    expect(study.report(2, 1, 0.85, 'fold 2').reason).toBe(
      'pruned at step 1: best val_loss 0.85 > median 0.8 of 1 completed trials at step 1',
    );
  });

  it('never prunes a promoted trial, and prunes it again once unpromoted', () => {
    const study = makeStudy(STARTUP_1);
    completeTrial(study, 0, [1, 1, 1]);
    study.addTrial(1);
    study.setPromoted(1, true);
    expect(study.report(1, 0, 99)).toEqual({ action: 'continue', reason: 'promoted' });
    study.setPromoted(1, false);
    expect(study.report(1, 1, 99).reason).toBe('pruned at step 1: best val_loss 99 > median 1 of 1 completed trials at step 1');
  });

  it('answers late reports of a pruned trial with the same decision and records nothing', () => {
    const study = makeStudy({ type: 'asha', min_resource: 1, reduction_factor: 2 });
    completeTrial(study, 0, [5, 4, 3]);
    study.addTrial(1);
    study.report(1, 0, 6);
    const pruned = study.report(1, 1, 5);
    expect(pruned.action).toBe('prune');
    // Reported during the kill's grace period: same answer, and the 0 is not a rung-1 value.
    expect(study.report(1, 2, 0)).toEqual(pruned);
    study.addTrial(2);
    study.report(2, 0, 6);
    study.report(2, 1, 3.5);
    // Rung 1 (step 2): {trial 0: 3, trial 2: 2.5} → kept. With the late 0 it would be pruned.
    expect(study.report(2, 2, 2.5).action).toBe('continue');
  });

  it('restarts the curve of a trial added again (a re-run), which leaves the reference set', () => {
    const study = makeStudy(STARTUP_1);
    completeTrial(study, 0, [1]);
    study.addTrial(1);
    expect(study.report(1, 0, 5).action).toBe('prune');
    study.addTrial(0); // trial 0 runs again: no longer completed
    study.addTrial(2);
    expect(study.report(2, 0, 5).action).toBe('continue');
    // The re-run trial 1 is judged afresh too.
    study.addTrial(1);
    expect(study.report(1, 0, 5)).toEqual({ action: 'continue', reason: null });
  });

  it('takes a trial out of the reference set when it leaves `completed`', () => {
    const study = makeStudy(STARTUP_1);
    completeTrial(study, 0, [1]);
    study.addTrial(1);
    expect(study.report(1, 0, 5).action).toBe('prune'); // builds the per-step index
    study.setState(0, 'failed');
    study.addTrial(2);
    expect(study.report(2, 0, 5).action).toBe('continue');
  });

  it('keeps the last value of a repeated step, also in the reference set', () => {
    const study = makeStudy(STARTUP_1);
    completeTrial(study, 0, [1]);
    study.addTrial(1);
    expect(study.report(1, 0, 2).action).toBe('prune'); // 2 > 1 (index built now)
    study.report(0, 0, 3); // trial 0's step 0 is now 3
    study.addTrial(2);
    expect(study.report(2, 0, 2)).toEqual({ action: 'continue', reason: null, threshold: 3 });
  });

  it('treats fractional steps that differ only by binary noise as the same step', () => {
    const study = makeStudy(STARTUP_1);
    study.addTrial(0);
    study.report(0, 0.3, 1);
    study.setState(0, 'completed');
    study.addTrial(1);
    expect(study.report(1, 0.1 + 0.2, 2).reason).toBe('pruned at step 0.3: best val_loss 2 > median 1 of 1 completed trials at step 0.3');
  });

  it('prints whole steps exactly, however large', () => {
    const study = makeStudy(STARTUP_1);
    study.addTrial(0);
    study.report(0, 1234567, 1);
    study.setState(0, 'completed');
    study.addTrial(1);
    expect(study.report(1, 1234567, 2).reason).toBe(
      'pruned at step 1234567: best val_loss 2 > median 1 of 1 completed trials at step 1234567',
    );
  });

  it('ignores a report with a non-finite step and never throws on NaN or infinite values', () => {
    const study = makeStudy(STARTUP_1);
    completeTrial(study, 0, [1, Infinity, -Infinity, NaN]);
    study.addTrial(1);
    expect(study.report(1, NaN, 5)).toEqual({ action: 'continue', reason: null });
    expect(study.report(1, 0, -Infinity).action).toBe('continue');
    expect(study.report(1, 1, Infinity).action).toBe('continue'); // best is still -inf
    study.addTrial(2);
    expect(study.report(2, 0, Infinity).reason).toBe('pruned at step 0: best val_loss inf > median 1 of 1 completed trials at step 0');
  });

  it('record() adds a point unjudged, also after a prune decision nobody carried out: as a restart reads the trial back', () => {
    const spec = { type: 'asha', min_resource: 1, reduction_factor: 2 };
    const live = makeStudy(spec);
    completeTrial(live, 0, [5, 4, 3]);
    live.addTrial(1);
    live.report(1, 0, 6);
    expect(live.report(1, 1, 5).action).toBe('prune');
    // trial 1 had exited on its own before that decision: its next point counts, unjudged
    live.record(1, 2, 0);
    live.setState(1, 'failed');
    const restored = makeStudy(spec);
    restored.restore([
      { id: 0, state: 'completed', promoted: false, reports: [5, 4, 3].map((value, step) => ({ step, value })) },
      { id: 1, state: 'failed', promoted: false, reports: [6, 5, 0].map((value, step) => ({ step, value })) },
    ]);
    const probe = (study: typeof live) => {
      study.addTrial(2);
      study.report(2, 0, 6);
      study.report(2, 1, 3.5);
      return study.report(2, 2, 2.5);
    };
    // rung 1 (step 2) holds trial 1's 0: 2.5 is no longer in its top half
    const decision = probe(live);
    expect(decision.action).toBe('prune');
    expect(decision).toEqual(probe(restored));
  });

  it('restore gives the same decisions as the live history it describes, without deciding', () => {
    for (const spec of [
      { type: 'median', n_startup_trials: 2 },
      { type: 'asha', min_resource: 1, reduction_factor: 2 },
      { type: 'hyperband', min_resource: 1, max_resource: 9 },
      { type: 'median_stopping' },
    ] as PrunerSpec[]) {
      const rng = new Rng(`restore-${spec.type}`);
      const live = makeStudy(spec);
      const recorded: RestoredTrial[] = [];
      for (let id = 0; id < 12; id++) {
        live.addTrial(id);
        const reports: RestoredTrial['reports'] = [];
        let state: RestoredTrial['state'] = 'completed';
        for (let step = 0; step < 10; step++) {
          const value = rng.uniform(0, 1) + 1 / (step + 1);
          reports.push({ step, value });
          if (live.report(id, step, value).action === 'prune') {
            state = 'pruned';
            break;
          }
        }
        live.setState(id, state);
        recorded.push({ id, state, promoted: false, reports });
      }
      const restored = makeStudy(spec);
      restored.restore(recorded);
      const probe = (study: typeof live): PruneDecision[] => {
        study.addTrial(99);
        return [0.9, 0.8, 0.85, 0.7, 0.75].map((value, step) => study.report(99, step, value));
      };
      expect(probe(restored)).toEqual(probe(live));
    }
  });
});
