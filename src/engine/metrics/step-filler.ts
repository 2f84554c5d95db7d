/**
 * Gives a step to a point that reported none, in a sweep (where every recorded point needs one):
 * the latest step seen in the same output, so that a closing `final val_loss=…` line lands on
 * the last epoch instead of inventing a new step; before any step has been seen, a counter per
 * metric, 0-based (the first report of a metric is step 0).
 */
export class StepFiller {
  private latestStep: number | null = null;
  private readonly counters = new Map<string, number>();

  /** The output reported `step` (on a point, in a header, in a CSV column). */
  saw(step: number): void {
    this.latestStep = step;
  }

  get latest(): number | null {
    return this.latestStep;
  }

  /**
   * The next counter value of `name`. `take: false` only looks: a progress-bar value that may
   * still be redrawn must not use up a step.
   */
  counter(name: string, take: boolean): number {
    const next = this.counters.get(name) ?? 0;
    if (take) this.counters.set(name, next + 1);
    return next;
  }

  /** The step for a point of `name` reported without one. */
  fill(name: string): number {
    return this.latestStep ?? this.counter(name, true);
  }
}
