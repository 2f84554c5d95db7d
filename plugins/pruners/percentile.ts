/**
 * Percentile pruner, with Optuna's PercentilePruner semantics: at a checked step, the trial's best
 * value so far is compared with the given percentile of the values that COMPLETED trials reported
 * at exactly the same step; strictly worse prunes. `percentile: 25` keeps the best 25%.
 */
import { integerOption, missing, numberOption, rejectUnknownOptions } from '../../src/plugin-api/options.js';
import { CONTINUE, createExplainer, formatNumber, formatStep } from '../../src/plugin-api/explain.js';
import { isCheckedStep } from './interval.js';
import type { Pruner, PrunerContext, PrunerPlugin } from '../../src/plugin-api/pruner.js';

export interface PercentileSettings {
  /** 0–100: the share of trials kept, best first. Required for `percentile`; 50 for `median`. */
  percentile: number;
  /** No pruning until this many trials have completed. Default 5. */
  nStartupTrials: number;
  /** No pruning at steps below this. Default 0. */
  warmupSteps: number;
  /** Only the first report in each window of this many steps is checked. Default 1. */
  intervalSteps: number;
  /** No pruning unless at least this many completed trials reported at the step. Default 1. */
  nMinTrials: number;
}

export const PERCENTILE_COMMON_OPTIONS = [
  'n_startup_trials',
  'n_warmup_steps',
  'interval_steps',
  'n_min_trials',
] as const;

/** Reads the options shared by `percentile` and `median` (everything but the percentile). */
export function readCommonPercentileOptions(
  options: Record<string, unknown>,
): Omit<PercentileSettings, 'percentile'> {
  return {
    nStartupTrials: integerOption(options, 'n_startup_trials', 0, 5),
    warmupSteps: integerOption(options, 'n_warmup_steps', 0, 0),
    intervalSteps: integerOption(options, 'interval_steps', 1, 1),
    nMinTrials: integerOption(options, 'n_min_trials', 1, 1),
  };
}

export function createPercentilePruner(
  settings: PercentileSettings,
  context: PrunerContext,
): Pruner {
  const explain = createExplainer(context);
  // "top-25% cutoff" rather than "25th percentile": for maximize the cutoff is numpy's 75th
  // percentile of the user's values, and only the share kept reads the same for both goals.
  const label =
    settings.percentile === 50 ? 'median' : `top-${formatNumber(settings.percentile)}% cutoff`;
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
  description:
    'prune when the best value so far is worse than a percentile of completed trials at the same step (Optuna)',
  create(options, context) {
    rejectUnknownOptions(options, ['percentile', ...PERCENTILE_COMMON_OPTIONS]);
    const percentile = numberOption(options, 'percentile', { min: 0, max: 100 }) ?? missing('percentile', 'a number between 0 and 100');
    return createPercentilePruner(
      { percentile, ...readCommonPercentileOptions(options) },
      context,
    );
  },
};
