/**
 * Drives a pruner through the real PruningStudy, the way the engine will: a recorded history
 * (restored, not decided) and then live reports from the trial under test.
 */
import { createPruner } from '../../../plugins/registry.js';
import type { PruneDecision, PrunerSpec } from '../../../src/plugin-api/pruner.js';
import type { Goal } from '../../../src/plugin-api/plugin.js';
import { createPruningStudy, type PruningStudy } from '../../../src/engine/pruning/study.js';
import type { TrialState } from '../../../src/plugin-api/trial-state.js';

/** A curve as a list (steps 0, 1, 2…) or as {step: value}. */
export type Curve = number[] | Record<number, number>;

export interface HistoryTrial {
  id: number;
  values: Curve;
  state?: TrialState;
}

export function points(curve: Curve): Array<{ step: number; value: number }> {
  if (Array.isArray(curve)) return curve.map((value, step) => ({ step, value }));
  return Object.entries(curve).map(([step, value]) => ({ step: Number(step), value }));
}

export interface Scenario {
  study: PruningStudy;
  /** Reports the curve until the first prune; returns every decision taken. */
  run(id: number, curve: Curve): PruneDecision[];
  /** The last decision of `run`. */
  last(id: number, curve: Curve): PruneDecision;
  /** Runs the curve and marks the trial completed (it joins the reference set). */
  complete(id: number, curve: Curve): PruneDecision[];
}

export function scenario(
  spec: PrunerSpec,
  history: HistoryTrial[] = [],
  goal: Goal = 'minimize',
  metricName = goal === 'minimize' ? 'val_loss' : 'val_acc',
): Scenario {
  const pruner = createPruner(spec, { metricName, goal });
  const study = createPruningStudy(pruner, { metricName, goal });
  study.restore(
    history.map((trial) => ({
      id: trial.id,
      state: trial.state ?? 'completed',
      promoted: false,
      reports: points(trial.values),
    })),
  );
  const run = (id: number, curve: Curve) => {
    study.addTrial(id);
    const decisions: PruneDecision[] = [];
    for (const { step, value } of points(curve)) {
      const decision = study.report(id, step, value);
      decisions.push(decision);
      if (decision.action === 'prune') break;
    }
    return decisions;
  };
  return {
    study,
    run,
    last: (id, curve) => run(id, curve).at(-1) as PruneDecision,
    complete(id, curve) {
      const decisions = run(id, curve);
      study.setState(id, 'completed');
      return decisions;
    },
  };
}

/** Index of the report that pruned (its position in the curve), or null. */
export function prunedAt(decisions: PruneDecision[]): number | null {
  const index = decisions.findIndex((decision) => decision.action === 'prune');
  return index < 0 ? null : index;
}
