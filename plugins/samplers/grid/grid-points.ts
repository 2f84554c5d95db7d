/**
 * The grid as numbered points: point i is read off the axes in mixed radix with the last parameter
 * varying fastest (a deterministic order: lr=0.1 batch=32, lr=0.1 batch=64, lr=0.2 batch=32, …).
 */
import type { Params, SearchSpace } from '../../../src/plugin-api/space.js';
import { PluginOptionError } from '../../../src/plugin-api/errors.js';
import { gridAxis, type GridAxis } from './axes.js';

/** Enumerating more than this is a sweep nobody will finish; it is almost always a missing step. */
export const MAX_GRID_POINTS = 10_000_000;

export class GridPoints {
  readonly size: number;
  private readonly names: string[];
  private readonly axes: GridAxis[];

  /** Throws PluginOptionError when a float range has no grid_points, or the grid is empty or too big. */
  constructor(space: SearchSpace) {
    this.names = space.map((p) => p.name);
    this.axes = space.map(gridAxis);
    this.size = this.axes.reduce((product, axis) => product * axis.size, this.axes.length > 0 ? 1 : 0);
    if (this.size === 0)
      throw new PluginOptionError('parameters', 'the grid is empty: it needs at least one parameter, each with at least one value');
    if (this.size > MAX_GRID_POINTS) {
      const sizes = this.axes.map((axis, i) => `${this.names[i]}: ${axis.size}`).join(', ');
      throw new PluginOptionError(
        'parameters',
        `the grid has ${this.size.toLocaleString('en-US')} points (${sizes}), more than the ${MAX_GRID_POINTS.toLocaleString('en-US')} the grid sampler enumerates`,
      );
    }
  }

  pointAt(index: number): Params {
    const params: Params = {};
    let rest = index;
    for (let d = this.axes.length - 1; d >= 0; d--) {
      const axis = this.axes[d];
      params[this.names[d]] = axis.valueAt(rest % axis.size);
      rest = Math.floor(rest / axis.size);
    }
    // Rebuilt in declaration order: the loop above filled the object last-parameter-first.
    return Object.fromEntries(this.names.map((name) => [name, params[name]]));
  }

  /** The number of the point equal to `params`, or -1 when they are not a point of this grid. */
  indexOf(params: Params): number {
    let index = 0;
    for (let d = 0; d < this.axes.length; d++) {
      const i = this.axes[d].indexOf(params[this.names[d]]);
      if (i < 0) return -1;
      index = index * this.axes[d].size + i;
    }
    return index;
  }
}
