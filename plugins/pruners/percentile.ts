/**
 * Percentile pruner, with Optuna's PercentilePruner semantics: at a checked step, the trial's best
 * value so far is compared with the given percentile of the values that COMPLETED trials reported
 * at exactly the same step; strictly worse prunes. `percentile: 25` keeps the best 25%.
 */
import { integerValue, numberValue, options, readOptions, type OptionsOf } from '../../src/plugin-api/options.js';
import { option } from '../../src/plugin-api/schema.js';
import { CONTINUE, createExplainer, formatNumber, formatStep } from '../../src/plugin-api/explain.js';
import { isCheckedStep } from './interval.js';
import type { Pruner, PrunerContext, PrunerPlugin } from '../../src/plugin-api/pruner.js';

/** The options `percentile` and `median` share (everything but the percentile), with Optuna's defaults. */
export const PERCENTILE_COMMON_OPTIONS = {
  n_startup_trials: option(integerValue(0), { default: 5, description: 'no pruning until this many trials have completed' }),
  n_warmup_steps: option(integerValue(0), { default: 0, description: 'no pruning at steps below this' }),
  interval_steps: option(integerValue(1), {
    default: 1,
    description: 'only the first report in each window of this many steps is checked',
  }),
  n_min_trials: option(integerValue(1), {
    default: 1,
    description: 'no pruning unless at least this many completed trials reported at the step',
  }),
};

const percentileOptions = options({
  percentile: option(numberValue({ min: 0, max: 100 }), { description: 'the share of trials kept, best first: 25 keeps the best 25 %' }),
  ...PERCENTILE_COMMON_OPTIONS,
});

export interface PercentileSettings {
  /** 0–100: the share of trials kept, best first. Required for `percentile`; 50 for `median`. */
  percentile: number;
  nStartupTrials: number;
  warmupSteps: number;
  intervalSteps: number;
  nMinTrials: number;
}

/** The settings from the options as read (`percentile` is 50 for `median`). */
export function percentileSettings(percentile: number, options: OptionsOf<typeof PERCENTILE_COMMON_OPTIONS>): PercentileSettings {
  return {
    percentile,
    nStartupTrials: options.n_startup_trials,
    warmupSteps: options.n_warmup_steps,
    intervalSteps: options.interval_steps,
    nMinTrials: options.n_min_trials,
  };
}

export function createPercentilePruner(settings: PercentileSettings, context: PrunerContext): Pruner {
  const explain = createExplainer(context);
  // "top-25% cutoff" rather than "25th percentile": for maximize the cutoff is numpy's 75th
  // percentile of the user's values, and only the share kept reads the same for both goals.
  const label = settings.percentile === 50 ? 'median' : `top-${formatNumber(settings.percentile)}% cutoff`;
  return {
    decide({ study, trial, step, previousStep }) {
      const completed = study.completedCount;
      if (completed === 0 || completed < settings.nStartupTrials) return CONTINUE;
      if (!isCheckedStep(step, previousStep, settings)) return CONTINUE;

      const best = trial.best;
      if (Number.isNaN(best)) {
        return explain.prune(`every ${explain.metric} so far is nan`);
      }
      const reference = study.completedValuesAt(step);
      // Optuna counts NaN reports towards n_min_trials but leaves them out of the percentile.
      if (reference.size + reference.nanCount < settings.nMinTrials) return CONTINUE;
      // Values are normalised (lower is better), so "keep the best p%" is the p-th percentile
      // for either goal: negating the values mirrors numpy's percentile at 100 - p.
      const cutoff = reference.percentile(settings.percentile);
      if (Number.isNaN(cutoff)) return CONTINUE;
      if (!(best > cutoff)) return explain.keep(cutoff);
      return explain.prune(
        `best ${explain.metric} ${explain.show(best)} ${explain.worse} ${label} ` +
          `${explain.show(cutoff)} of ${reference.size} completed trials at step ${formatStep(step)}`,
        cutoff,
      );
    },
  };
}

export const percentilePlugin: PrunerPlugin = {
  name: 'percentile',
  kind: 'pruner',
  description: 'prune when the best value so far is worse than a percentile of completed trials at the same step (Optuna)',
  options: percentileOptions,
  create(given, context) {
    const read = readOptions(percentileOptions, given);
    return createPercentilePruner(percentileSettings(read.percentile, read), context);
  },
};
