/**
 * Durations of single decisions, in µs. The median is the figure compared: on a shared machine
 * a mean also carries other processes' time slices and GC pauses.
 */
export class Samples {
  private readonly values: number[] = [];
  time<T>(work: () => T): T {
    const before = process.hrtime.bigint();
    const result = work();
    this.values.push(Number(process.hrtime.bigint() - before) / 1e3);
    return result;
  }
  get count(): number {
    return this.values.length;
  }
  get mean(): number {
    return this.values.reduce((a, b) => a + b, 0) / Math.max(this.values.length, 1);
  }
  get median(): number {
    const sorted = [...this.values].sort((a, b) => a - b);
    return sorted.length === 0 ? NaN : sorted[sorted.length >> 1];
  }
}

export interface Measured {
  /** Reports where the pruner compares the trial with others (every one for median, rung crossings for asha). */
  judged: Samples;
  /** Every report. */
  all: Samples;
  prunedAt: Array<number | null>;
}
