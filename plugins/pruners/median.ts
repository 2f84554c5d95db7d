/** Median pruner: the percentile pruner at 50, with Optuna's MedianPruner defaults. */
import { rejectUnknownOptions } from '../../src/plugin-api/options.js';
import {
  PERCENTILE_COMMON_OPTIONS,
  createPercentilePruner,
  readCommonPercentileOptions,
} from './percentile.js';
import type { PrunerPlugin } from '../../src/plugin-api/pruner.js';

export const medianPlugin: PrunerPlugin = {
  name: 'median',
  kind: 'pruner',
  description:
    'prune when the best value so far is worse than the median of completed trials at the same step (Optuna)',
  create(options, context) {
    rejectUnknownOptions(options, PERCENTILE_COMMON_OPTIONS);
    return createPercentilePruner({ percentile: 50, ...readCommonPercentileOptions(options) }, context);
  },
};
