/**
 * Ray Tune's MedianStoppingRule, for users coming from Ray: past the grace period, a trial is
 * stopped when its best value so far is strictly worse than the median of the other trials'
 * running means — each the mean of that trial's values from `grace_period` up to this step,
 * counting only trials (of any state) that have reported this far.
 *
 * Cost: one pass over the trials per decision (O(trials · log steps)); it is not on the
 * per-step sorted structures the Optuna-style pruners use.
 */
import { integerValue, numberValue, options, readOptions } from '../../src/plugin-api/options.js';
import { option } from '../../src/plugin-api/schema.js';
import { CONTINUE, createExplainer, formatStep } from '../../src/plugin-api/explain.js';
import type { PrunerPlugin } from '../../src/plugin-api/pruner.js';

/** numpy's median: the middle value, or the mean of the two middle ones. */
export function medianOf(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const medianStoppingOptions = options({
  grace_period: option(numberValue({ min: 0 }), {
    default: 0,
    description: 'no stopping at steps below this (steps, not seconds as in Ray)',
  }),
  min_samples_required: option(integerValue(1), {
    default: 3,
    description: 'no stopping until this many other trials have reported this far',
  }),
});

export const medianStoppingPlugin: PrunerPlugin = {
  name: 'median_stopping',
  kind: 'pruner',
  description: "stop when the best value is worse than the median of other trials' running means (Ray Tune)",
  options: medianStoppingOptions,
  create(given, context) {
    const { grace_period: gracePeriod, min_samples_required: minSamples } = readOptions(medianStoppingOptions, given);
    const explain = createExplainer(context);

    return {
      decide({ study, trial, step }) {
        if (step < gracePeriod) return CONTINUE;
        const means: number[] = [];
        for (const other of study.trials()) {
          if (other.trialId === trial.trialId || other.lastStep === null || other.lastStep < step) continue;
          const { mean, count } = other.meanOver(gracePeriod, step);
          if (count > 0) means.push(mean);
        }
        if (means.length < minSamples) return CONTINUE;

        const median = medianOf(means);
        if (Number.isNaN(trial.best)) return explain.prune(`every ${explain.metric} so far is nan`);
        if (!(trial.best > median)) return explain.keep(median);
        return explain.prune(
          `best ${explain.metric} ${explain.show(trial.best)} ${explain.worse} median ` +
            `${explain.show(median)} of the running means of ${means.length} other trials ` +
            `(steps ${formatStep(gracePeriod)}–${formatStep(step)})`,
          median,
        );
      },
    };
  },
};
