/**
 * The goal direction, normalised once: the study stores `sign · value` so that lower is always
 * better, and reasons turn values back into the user's units with the same sign. Nothing else
 * in the pruners looks at the goal.
 */
import type { Goal } from './plugin.js';
import type { PruneDecision, PrunerContext } from './pruner.js';

export function goalSign(goal: Goal): 1 | -1 {
  return goal === 'maximize' ? -1 : 1;
}

/** Short, stable number text for reasons: 6 significant digits, nan/inf/-inf spelled out. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  const rounded = Number(value.toPrecision(6));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** Steps print exactly when whole (iteration 1234567 stays itself); fractions like numbers. */
export function formatStep(step: number): string {
  return Number.isInteger(step) ? String(step) : formatNumber(step);
}

export interface Explainer {
  readonly metric: string;
  /** A normalised value back in the user's units. */
  toUser(normalised: number): number;
  /** A normalised value, in the user's units, as text. */
  show(normalised: number): string;
  /** How "worse than" reads in the user's direction: `>` when minimising, `<` when maximising. */
  readonly worse: '>' | '<';
  prune(reason: string, thresholdNormalised?: number): PruneDecision;
  /** A continue that still carries the threshold the trial was compared with, for drawing. */
  keep(thresholdNormalised?: number): PruneDecision;
}

export function createExplainer(context: Pick<PrunerContext, 'metricName' | 'goal'>): Explainer {
  const sign = goalSign(context.goal);
  const toUser = (normalised: number) => sign * normalised;
  const withThreshold = (decision: PruneDecision, threshold?: number): PruneDecision =>
    threshold === undefined || Number.isNaN(threshold) ? decision : { ...decision, threshold: toUser(threshold) };
  return {
    metric: context.metricName,
    toUser,
    show: (normalised) => formatNumber(toUser(normalised)),
    worse: sign === 1 ? '>' : '<',
    prune: (reason, threshold) => withThreshold({ action: 'prune', reason }, threshold),
    keep: (threshold) => withThreshold({ action: 'continue', reason: null }, threshold),
  };
}

export const CONTINUE: PruneDecision = Object.freeze({ action: 'continue', reason: null });
