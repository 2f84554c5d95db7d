/**
 * Patient pruner (Optuna's PatientPruner): a trial may be pruned only once its best value over
 * the last `patience + 1` reports fails to beat its best before them by more than `min_delta` —
 * `patience` non-improving reports are tolerated, the next one is not. Without `wrapped` that
 * alone prunes (plain early stopping); with it, the wrapped pruner then decides.
 */
import { PluginOptionError } from '../../src/plugin-api/errors.js';
import { fail, integerOption, missing, numberOption, rejectUnknownOptions } from '../../src/plugin-api/options.js';
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

function createWrapped(spec: unknown, context: PrunerContext): Pruner | undefined {
  if (spec === undefined) return undefined;
  const isSpec =
    typeof spec === 'object' && spec !== null && !Array.isArray(spec) &&
    typeof (spec as { type?: unknown }).type === 'string';
  if (!isSpec) fail('wrapped', 'a pruner like {type: median}', spec);
  if (!context.createPruner) {
    throw new PluginOptionError('wrapped', 'expected no wrapped pruner here (no pruner registry given)');
  }
  try {
    return context.createPruner(spec as PrunerSpec);
  } catch (error) {
    if (error instanceof PluginOptionError) {
      throw new PluginOptionError(`wrapped.${error.option}`, error.detail);
    }
    throw error;
  }
}

export const patientPlugin: PrunerPlugin = {
  name: 'patient',
  kind: 'pruner',
  description: 'prune after `patience` reports without improvement, optionally only when a wrapped pruner agrees (Optuna)',
  create(options, context) {
    rejectUnknownOptions(options, ['patience', 'min_delta', 'wrapped']);
    const patience = integerOption(options, 'patience', 0) ?? missing('patience', 'an integer >= 0');
    const minDelta = numberOption(options, 'min_delta', { min: 0 }, 0);
    const wrapped = createWrapped(options.wrapped, context);
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
