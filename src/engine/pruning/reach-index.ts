/**
 * For one step X: every trial's value at the first step it reported at or past X, kept sorted.
 * These are successive halving's rung values, read from the curves instead of stored by the
 * pruner. Built on first use from the curves, then kept up to date report by report.
 */
import type { TrialCurve } from './curve.js';
import { SortedValues } from './sorted-values.js';

export class ReachIndex {
  readonly values = new SortedValues();
  /** Per trial: the step whose value currently stands for it. */
  private readonly recordStep = new Map<number, number>();
  private readonly recordValue = new Map<number, number>();

  constructor(
    readonly step: number,
    members: Iterable<TrialCurve>,
  ) {
    for (const curve of members) {
      const index = curve.indexAtOrAfter(step);
      if (index < curve.length) this.record(curve.trialId, curve.stepAt(index), curve.valueAt(index));
    }
  }

  /** A report at `step` of `value` was recorded for the trial (new, or replacing one). */
  onValue(trialId: number, step: number, value: number): void {
    if (step < this.step) return;
    const current = this.recordStep.get(trialId);
    if (current !== undefined && step > current) return;
    this.forget(trialId);
    this.record(trialId, step, value);
  }

  forget(trialId: number): void {
    if (!this.recordStep.has(trialId)) return;
    this.values.remove(this.recordValue.get(trialId) as number);
    this.recordStep.delete(trialId);
    this.recordValue.delete(trialId);
  }

  private record(trialId: number, step: number, value: number): void {
    this.recordStep.set(trialId, step);
    this.recordValue.set(trialId, value);
    this.values.insert(value);
  }
}
