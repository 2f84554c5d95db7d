/**
 * Patient pruner (Optuna's PatientPruner): a trial may be pruned only once its best value over
 * the last `patience + 1` reports fails to beat its best before them by more than `min_delta` —
 * `patience` non-improving reports are tolerated, the next one is not. Without `wrapped` that
 * alone prunes (plain early stopping); with it, the wrapped pruner then decides.
 */
import { PluginOptionError } from '../../src/plugin-api/errors.js';
import { integerValue, numberValue, options, pluginChoiceValue, readOptions } from '../../src/plugin-api/options.js';
import { option } from '../../src/plugin-api/schema.js';
import { CONTINUE, createExplainer, formatNumber } from '../../src/plugin-api/explain.js';
import type { CurveView, Pruner, PrunerContext, PrunerPlugin, PrunerSpec } from '../../src/plugin-api/pruner.js';

/** Lowest non-NaN value among reports [from, to) of a curve; NaN if there is none. */
function bestOf(curve: CurveView, from: number, to: number): number {
  let best = NaN;
  for (let i = from; i < to; i++) {
    const value = curve.valueAt(i);
    if (Number.isNaN(value)) continue;
    if (Number.isNaN(best) || value < best) best = value;
  }
  return best;
}

function createWrapped(spec: PrunerSpec | undefined, context: PrunerContext): Pruner | undefined {
  if (spec === undefined) return undefined;
  if (!context.createPruner) {
    throw new PluginOptionError('wrapped', 'expected no wrapped pruner here (no pruner registry given)');
  }
  try {
    return context.createPruner(spec);
  } catch (error) {
    if (error instanceof PluginOptionError) {
      throw new PluginOptionError(`wrapped.${error.option}`, error.detail);
    }
    throw error;
  }
}

const patientOptions = options({
  patience: option(integerValue(0), { description: 'non-improving reports tolerated; the next one prunes' }),
  min_delta: option(numberValue({ min: 0 }), { default: 0, description: 'an improvement must beat the best before by more than this' }),
  wrapped: option(pluginChoiceValue('pruner', 'a pruner like {type: median}'), {
    unset: 'none',
    description: 'a pruner that must also agree before a stagnating trial is pruned, e.g. {type: median}',
  }),
});

export const patientPlugin: PrunerPlugin = {
  name: 'patient',
  kind: 'pruner',
  description: 'prune after `patience` reports without improvement, optionally only when a wrapped pruner agrees (Optuna)',
  options: patientOptions,
  create(given, context) {
    const { patience, min_delta: minDelta, ...read } = readOptions(patientOptions, given);
    const wrapped = createWrapped(read.wrapped, context);
    const explain = createExplainer(context);
    const window = patience + 1;

    return {
      decide(request) {
        const { trial } = request;
        if (trial.length <= window) return CONTINUE;
        const split = trial.length - window;
        const before = bestOf(trial, 0, split);
        const recent = bestOf(trial, split, trial.length);
        // NaN on either side compares false: no evidence of stagnation, no prune.
        if (!(before + minDelta < recent)) return CONTINUE;

        const why =
          `no improvement in the last ${window} reports: best ${explain.metric} ${explain.show(recent)} ` +
          `vs ${explain.show(before)} before (patience ${patience}, min_delta ${formatNumber(minDelta)})`;
        if (!wrapped) return explain.prune(why, before + minDelta);
        const decision = wrapped.decide(request);
        return decision.action === 'prune' ? { ...decision, reason: `${why}; ${decision.reason}` } : decision;
      },
    };
  },
};
