/**
 * The grid of a space with `when:` conditions: only valid combinations, in the same order as the
 * plain grid (declaration order, the last parameter varying fastest). A parameter inactive for the
 * values before it contributes no axis to that branch, so `momentum` (sgd only) multiplies the sgd
 * half of the grid and not the adam half. Its points are not numbered arithmetically as the plain
 * grid's are: they are walked depth first (once, as far as suggestions have needed), and a
 * suggestion is the first one no trial holds.
 */
import { parameterIsActive } from '../../../src/plugin-api/condition.js';
import { PluginOptionError } from '../../../src/plugin-api/errors.js';
import type { Params, SearchSpace } from '../../../src/plugin-api/space.js';
import { paramsKey } from '../params-key.js';
import { gridAxis, type GridAxis } from './axes.js';
import { MAX_GRID_POINTS } from './grid-points.js';

export class ConditionalGrid {
  readonly size: number;
  private readonly axes: GridAxis[];
  private readonly names: string[];
  /** The points walked so far, in order, by their keys. */
  private readonly walked: { point: Params; key: string }[] = [];
  private readonly walker: Generator<Params>;
  /**
   * Every point before it is taken. A sampler's history only grows, so the first free point only
   * moves forward: each suggestion resumes the scan there instead of walking the grid again.
   */
  private firstFree = 0;
  /** The keys of the trials' values seen so far, each trial's keyed once (a history only grows). */
  private readonly takenKeys = new Set<string>();
  private readonly counted = new WeakSet<Params>();

  /** Throws PluginOptionError when a float range has no grid_points, or the grid is too big. */
  constructor(private readonly space: SearchSpace) {
    this.names = space.map((p) => p.name);
    this.axes = space.map(gridAxis);
    this.size = this.count(0, {});
    this.walker = this.points(0, {});
    if (this.size > MAX_GRID_POINTS) {
      throw new PluginOptionError(
        'parameters',
        `the grid has more than ${MAX_GRID_POINTS.toLocaleString('en-US')} valid points, more than the grid sampler enumerates`,
      );
    }
  }

  /** The first point whose values no trial of `taken` (their params) holds; undefined when all are taken. */
  firstUntaken(taken: readonly Params[]): Params | undefined {
    for (const params of taken) {
      if (this.counted.has(params)) continue;
      this.counted.add(params);
      this.takenKeys.add(paramsKey(this.names, params));
    }
    const keys = this.takenKeys;
    for (let i = this.firstFree; i < this.size; i++) {
      const walked = this.walkedAt(i);
      if (keys.has(walked.key)) continue;
      this.firstFree = i;
      return { ...walked.point };
    }
    this.firstFree = this.size;
    return undefined;
  }

  private walkedAt(index: number): { point: Params; key: string } {
    while (this.walked.length <= index) {
      const next = this.walker.next();
      if (next.done) throw new Error(`internal error: the conditional grid has no point ${index} of ${this.size}`);
      this.walked.push({ point: next.value, key: paramsKey(this.names, next.value) });
    }
    return this.walked[index]!;
  }

  /** Stops counting past the limit: a grid that large is refused whatever its exact size. */
  private count(d: number, params: Params): number {
    if (d === this.space.length) return 1;
    const parameter = this.space[d];
    if (!parameterIsActive(parameter, params)) return this.count(d + 1, params);
    let total = 0;
    for (let i = 0; i < this.axes[d].size && total <= MAX_GRID_POINTS; i++) {
      params[parameter.name] = this.axes[d].valueAt(i);
      total += this.count(d + 1, params);
    }
    delete params[parameter.name];
    return total;
  }

  /** Depth first; `params` holds the values chosen for the parameters before `d`, in order. */
  private *points(d: number, params: Params): Generator<Params> {
    if (d === this.space.length) {
      yield { ...params };
      return;
    }
    const parameter = this.space[d];
    if (!parameterIsActive(parameter, params)) {
      yield* this.points(d + 1, params);
      return;
    }
    for (let i = 0; i < this.axes[d].size; i++) {
      params[parameter.name] = this.axes[d].valueAt(i);
      yield* this.points(d + 1, params);
    }
    delete params[parameter.name];
  }
}
