/**
 * ASHA: Optuna's SuccessiveHalvingPruner, options and defaults included. The rung logic is in
 * rungs.ts; this file reads the options and resolves `min_resource: auto`.
 */
import { PluginOptionError } from '../../src/plugin-api/errors.js';
import { integerOrAutoValue, integerValue, options, readOptions } from '../../src/plugin-api/options.js';
import { option } from '../../src/plugin-api/schema.js';
import { CONTINUE, createExplainer } from '../../src/plugin-api/explain.js';
import { judgeRungs } from './rungs.js';
import type { PrunerPlugin, StudyView } from '../../src/plugin-api/pruner.js';

/**
 * `min_resource: auto`, as Optuna estimates it: a hundredth of the last step of the first
 * completed trial, at least 1. Null until a trial completes (no pruning before then).
 */
export function estimateMinResource(study: StudyView): number | null {
  const lastStep = study.firstCompleted()?.lastStep;
  if (lastStep === undefined || lastStep === null) return null;
  return Math.max(Math.floor(lastStep / 100), 1);
}

const ashaOptions = options({
  min_resource: option(integerOrAutoValue(1), {
    default: 'auto',
    description: 'the step of the first rung; auto: a hundredth of the last step of the first trial to complete',
  }),
  reduction_factor: option(integerValue(2), { default: 4, description: 'η: about 1/η of the trials at a rung go on to the next' }),
  min_early_stopping_rate: option(integerValue(0), { default: 0, description: 's: the first rung is at step min_resource·η^s' }),
  bootstrap_count: option(integerValue(0), {
    default: 0,
    description: 'no trial is promoted from a rung until more than this many have reached it (needs an integer min_resource)',
  }),
});

export const ashaPlugin: PrunerPlugin = {
  name: 'asha',
  kind: 'pruner',
  description: 'asynchronous successive halving: rungs at min_resource·η^k keep the top 1/η (Optuna)',
  options: ashaOptions,
  create(given, context) {
    const read = readOptions(ashaOptions, given);
    const minResource = read.min_resource;
    const settings = {
      reductionFactor: read.reduction_factor,
      minEarlyStoppingRate: read.min_early_stopping_rate,
      bootstrapCount: read.bootstrap_count,
    };
    // across options: bootstrapping needs rungs known before any trial completes
    if (settings.bootstrapCount > 0 && minResource === null) {
      throw new PluginOptionError(
        'bootstrap_count',
        `expected 0 with min_resource "auto" (set an integer min_resource), got ${settings.bootstrapCount}`,
      );
    }
    const explain = createExplainer(context);
    return {
      decide(request) {
        const resolved = minResource ?? estimateMinResource(request.study);
        if (resolved === null) return CONTINUE;
        return judgeRungs(request, request.study, { ...settings, minResource: resolved }, explain, 'asha');
      },
    };
  },
};
