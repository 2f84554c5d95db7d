/**
 * Where each step of one metric (in one context) is among PointCollector's entries. Steps nearly
 * always grow: while they do, the entries are a list in step order, searched by bisection, a few
 * bytes a step; the first step that does not grow (a second run's steps, a NaN) turns the list
 * into a Map, which finds any step. Steps are equal as a Map's keys are (0 and -0 alike).
 */
export class StepIndex {
  /** Entries in growing order of their steps (read from the collector's step column), while `map` is null. */
  private entries = new Int32Array(16);
  private length = 0;
  private map: Map<number, number> | null = null;
  /** The entry of the null step (a point of a log read without filling steps), or -1. */
  private noStep = -1;

  /** The entry of `step`, or -1. */
  find(step: number | null, steps: Float64Array): number {
    if (step === null) return this.noStep;
    if (this.map !== null) return this.map.get(step) ?? -1;
    const length = this.length;
    if (length === 0 || step > steps[this.entries[length - 1]]) return -1; // the usual case: a new step
    let low = 0;
    let high = length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const at = steps[this.entries[middle]];
      if (at === step) return this.entries[middle];
      if (at < step) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  /** Records `entry` as `step`'s, which find() did not know. */
  add(step: number | null, entry: number, steps: Float64Array): void {
    if (step === null) {
      this.noStep = entry;
    } else if (this.map !== null) {
      this.map.set(step, entry);
    } else if (this.length === 0 || step > steps[this.entries[this.length - 1]]) {
      if (this.length === this.entries.length) {
        const grown = new Int32Array(this.length * 2);
        grown.set(this.entries);
        this.entries = grown;
      }
      this.entries[this.length++] = entry;
    } else {
      this.map = new Map();
      for (let i = 0; i < this.length; i++) this.map.set(steps[this.entries[i]], this.entries[i]);
      this.map.set(step, entry);
      this.entries = new Int32Array(0);
      this.length = 0;
    }
  }
}
