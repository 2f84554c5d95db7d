/** Median pruner: the percentile pruner at 50, with Optuna's MedianPruner defaults. */
import { options, readOptions } from '../../src/plugin-api/options.js';
import { PERCENTILE_COMMON_OPTIONS, createPercentilePruner, percentileSettings } from './percentile.js';
import type { PrunerPlugin } from '../../src/plugin-api/pruner.js';

const medianOptions = options(PERCENTILE_COMMON_OPTIONS);

export const medianPlugin: PrunerPlugin = {
  name: 'median',
  kind: 'pruner',
  description: 'prune when the best value so far is worse than the median of completed trials at the same step (Optuna)',
  options: medianOptions,
  create(given, context) {
    return createPercentilePruner(percentileSettings(50, readOptions(medianOptions, given)), context);
  },
};
