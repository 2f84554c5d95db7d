/**
 * One trial's objective curve as the study keeps it: values normalised (lower is better), one per
 * distinct step, ordered by step. Reports almost always arrive in step order, so appending is the
 * fast path; an earlier or repeated step is inserted or replaced (the last report of a step wins).
 */
import type { CurveView } from '../../plugin-api/pruner.js';
import type { TrialState } from '../../plugin-api/trial-state.js';

/**
 * Steps may be fractional (epochs as 0.1, 0.2…): round away binary noise so that 0.1 + 0.2 and
 * 0.3 are the same step. Integers are kept exactly.
 */
export function normaliseStep(step: number): number {
  return Number.isInteger(step) ? step : Number(step.toPrecision(12));
}

export class TrialCurve implements CurveView {
  state: TrialState = 'running';
  promoted = false;
  best = NaN;
  private readonly steps: number[] = [];
  private readonly values: number[] = [];

  constructor(readonly trialId: number) {}

  get length(): number {
    return this.steps.length;
  }

  stepAt(index: number): number {
    return this.steps[index];
  }

  valueAt(index: number): number {
    return this.values[index];
  }

  get lastStep(): number | null {
    return this.steps.length === 0 ? null : this.steps[this.steps.length - 1];
  }

  /** The largest step other than `step`: what "previous report" means for a new report there. */
  largestStepOtherThan(step: number): number | null {
    const n = this.steps.length;
    if (n === 0) return null;
    if (this.steps[n - 1] !== step) return this.steps[n - 1];
    return n >= 2 ? this.steps[n - 2] : null;
  }

  /** Index of the first step >= `step` (length when none). */
  indexAtOrAfter(step: number): number {
    let low = 0;
    let high = this.steps.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.steps[mid] < step) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Records a report; returns the value it replaced at that step, if any. */
  set(step: number, value: number): number | undefined {
    const n = this.steps.length;
    if (n === 0 || step > this.steps[n - 1]) {
      this.steps.push(step);
      this.values.push(value);
      this.improveBest(value);
      return undefined;
    }
    const index = this.indexAtOrAfter(step);
    if (this.steps[index] === step) {
      const previous = this.values[index];
      this.values[index] = value;
      this.recomputeBest();
      return previous;
    }
    this.steps.splice(index, 0, step);
    this.values.splice(index, 0, value);
    this.improveBest(value);
    return undefined;
  }

  clear(): void {
    this.steps.length = 0;
    this.values.length = 0;
    this.best = NaN;
  }

  meanOver(from: number, to: number): { mean: number; count: number } {
    let sum = 0;
    let count = 0;
    for (let i = this.indexAtOrAfter(from); i < this.steps.length && this.steps[i] <= to; i++) {
      const value = this.values[i];
      if (Number.isNaN(value)) continue;
      sum += value;
      count++;
    }
    return { mean: count === 0 ? NaN : sum / count, count };
  }

  private improveBest(value: number): void {
    if (!Number.isNaN(value) && (Number.isNaN(this.best) || value < this.best)) this.best = value;
  }

  private recomputeBest(): void {
    this.best = NaN;
    for (const value of this.values) this.improveBest(value);
  }
}
