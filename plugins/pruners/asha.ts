/**
 * ASHA: Optuna's SuccessiveHalvingPruner, options and defaults included. The rung logic is in
 * rungs.ts; this file reads the options and resolves `min_resource: auto`.
 */
import { PluginOptionError } from '../../src/plugin-api/errors.js';
import { integerOption, integerOrAutoOption, rejectUnknownOptions } from '../../src/plugin-api/options.js';
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

export const ashaPlugin: PrunerPlugin = {
  name: 'asha',
  kind: 'pruner',
  description: 'asynchronous successive halving: rungs at min_resource·η^k keep the top 1/η (Optuna)',
  create(options, context) {
    rejectUnknownOptions(options, [
      'min_resource',
      'reduction_factor',
      'min_early_stopping_rate',
      'bootstrap_count',
    ]);
    const minResource = integerOrAutoOption(options, 'min_resource', 1, 'auto');
    const settings = {
      reductionFactor: integerOption(options, 'reduction_factor', 2, 4),
      minEarlyStoppingRate: integerOption(options, 'min_early_stopping_rate', 0, 0),
      bootstrapCount: integerOption(options, 'bootstrap_count', 0, 0),
    };
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
