/**
 * The grid sampler: every combination of the parameters' values, in a fixed order (the last
 * parameter varies fastest; see grid/grid-points.ts). It keeps no state: each suggestion is the
 * first point no trial in the history holds, whatever that trial's state — so a resumed sweep
 * never repeats a point, a failed point is not retried behind the user's back, and a hand-added
 * trial that happens to equal a grid point takes it. A space with `when:` conditions enumerates
 * only its valid combinations (grid/conditional-grid.ts).
 */
import { noOptions, readOptions } from '../../src/plugin-api/options.js';
import { GridPoints } from './grid/grid-points.js';
import { ConditionalGrid } from './grid/conditional-grid.js';
import type { SamplerPlugin, SamplerTrial } from '../../src/plugin-api/sampler.js';

export const gridSampler: SamplerPlugin = {
  name: 'grid',
  kind: 'sampler',
  description: 'every combination of choices, int values and grid_points floats, each once, in order',
  options: noOptions,
  create(given, { space }) {
    readOptions(noOptions, given, 'grid sampler');
    if (space.some((p) => p.when !== undefined)) {
      const conditional = new ConditionalGrid(space);
      return { size: () => conditional.size, suggest: ({ history }) => conditional.firstUntaken(history.map((t) => t.params)) };
    }
    const grid = new GridPoints(space);
    return {
      size: () => grid.size,
      readsObjectives: 'none',
      suggest({ history }) {
        const taken = takenPoints(grid, history);
        let index = 0;
        while (taken.has(index)) index++;
        return index < grid.size ? grid.pointAt(index) : undefined;
      },
    };
  },
};

/** O(history): one arithmetic look-up per trial, never a scan of the grid. */
function takenPoints(grid: GridPoints, history: readonly SamplerTrial[]): Set<number> {
  const taken = new Set<number>();
  for (const trial of history) {
    const index = grid.indexOf(trial.params);
    if (index >= 0) taken.add(index);
  }
  return taken;
}
