/**
 * Threshold pruner (Optuna's ThresholdPruner): at a checked step, the LATEST value is compared
 * with fixed bounds in the user's units — NaN, below `lower` or above `upper` prunes. The bounds
 * do not depend on the goal, so this pruner turns values back into user units before comparing.
 */
import { PluginOptionError } from '../../src/plugin-api/errors.js';
import { integerValue, numberValue, options, readOptions } from '../../src/plugin-api/options.js';
import { option } from '../../src/plugin-api/schema.js';
import { CONTINUE, createExplainer, formatNumber } from '../../src/plugin-api/explain.js';
import { isCheckedStep } from './interval.js';
import type { PrunerPlugin } from '../../src/plugin-api/pruner.js';

const thresholdOptions = options({
  lower: option(numberValue(), {
    unset: 'none',
    description: "prune when the latest value is below this, in the metric's units (lower, upper or both)",
  }),
  upper: option(numberValue(), { unset: 'none', description: "prune when the latest value is above this, in the metric's units" }),
  n_warmup_steps: option(integerValue(0), { default: 0, description: 'no pruning at steps below this' }),
  interval_steps: option(integerValue(1), {
    default: 1,
    description: 'only the first report in each window of this many steps is checked',
  }),
});

export const thresholdPlugin: PrunerPlugin = {
  name: 'threshold',
  kind: 'pruner',
  description: 'prune when the latest value is NaN, below `lower` or above `upper` (Optuna)',
  options: thresholdOptions,
  create(given, context) {
    const { lower, upper, ...read } = readOptions(thresholdOptions, given);
    const interval = { warmupSteps: read.n_warmup_steps, intervalSteps: read.interval_steps };
    // across options: at least one bound, in order
    if (lower === undefined && upper === undefined) {
      throw new PluginOptionError('lower', 'expected `lower`, `upper` or both, got neither');
    }
    if (lower !== undefined && upper !== undefined && lower > upper) {
      throw new PluginOptionError('lower', `expected at most upper (${upper}), got ${lower}`);
    }
    const explain = createExplainer(context);
    const metric = explain.metric;

    return {
      decide({ step, previousStep, value }) {
        if (!isCheckedStep(step, previousStep, interval)) return CONTINUE;
        const shown = explain.show(value);
        const userValue = explain.toUser(value);
        if (Number.isNaN(userValue)) return explain.prune(`${metric} is nan`);
        if (lower !== undefined && userValue < lower) {
          return prune(`${metric} ${shown} < lower ${formatNumber(lower)}`, lower);
        }
        if (upper !== undefined && userValue > upper) {
          return prune(`${metric} ${shown} > upper ${formatNumber(upper)}`, upper);
        }
        return CONTINUE;
      },
    };

    function prune(reason: string, bound: number) {
      return { action: 'prune' as const, reason, threshold: bound };
    }
  },
};
