/**
 * Hyperband (Optuna's HyperbandPruner): several successive-halving brackets, bracket b starting
 * its rungs at `min_resource · η^b`. Each trial belongs to one bracket for good and competes only
 * with the trials of that bracket.
 *
 * Brackets and budgets are computed as Optuna computes them (the log exactly, see bracketLayout):
 *   n_brackets = ⌊log_η(max_resource / min_resource)⌋ + 1
 *   budget(b)  = ⌈n_brackets · η^s / (s + 1)⌉ with s = n_brackets − 1 − b
 * and a trial goes to the bracket where `crc32(key) mod Σ budget` falls among the cumulative
 * budgets, `key` being "<study_name>_<trial id>" (Optuna's key) when `study_name` is set and the
 * trial id alone otherwise. The assignment is a function of the trial id only: deterministic,
 * stable across resumes and replays.
 */
import { PluginOptionError } from '../../src/plugin-api/errors.js';
import { integerOrAutoValue, integerValue, options, readOptions, textValue } from '../../src/plugin-api/options.js';
import { option } from '../../src/plugin-api/schema.js';
import { crc32 } from '../../src/plugin-api/crc32.js';
import { CONTINUE, createExplainer } from '../../src/plugin-api/explain.js';
import { judgeRungs } from './rungs.js';
import type { PrunerPlugin, StudyView } from '../../src/plugin-api/pruner.js';

export interface BracketLayout {
  budgets: number[];
  total: number;
}

export function bracketLayout(minResource: number, maxResource: number, eta: number): BracketLayout {
  // ⌊log_η(max/min)⌋ + 1 counted exactly: the number of k ≥ 0 with min · η^k ≤ max. Optuna takes
  // a floating-point log, which falls one short on some exact powers (243 with η = 3 gives 5).
  let count = 1;
  for (let reach = minResource * eta; reach <= maxResource; reach *= eta) count++;
  const budgets = Array.from({ length: count }, (_, bracket) => {
    const s = count - 1 - bracket;
    return Math.ceil((count * eta ** s) / (s + 1));
  });
  return { budgets, total: budgets.reduce((a, b) => a + b, 0) };
}

export function bracketOf(layout: BracketLayout, key: string): number {
  let n = crc32(new TextEncoder().encode(key)) % layout.total; // UTF-8, as Optuna's `key.encode()`
  for (let bracket = 0; bracket < layout.budgets.length; bracket++) {
    n -= layout.budgets[bracket];
    if (n < 0) return bracket;
  }
  return layout.budgets.length - 1; // unreachable: n < total
}

/** `max_resource: auto`: one more than the last step of the first completed trial (Optuna). */
function estimateMaxResource(study: StudyView): number | null {
  const lastStep = study.firstCompleted()?.lastStep;
  return lastStep === undefined || lastStep === null ? null : lastStep + 1;
}

const hyperbandOptions = options({
  min_resource: option(integerValue(1), { default: 1, description: 'the step of the first rung of bracket 0' }),
  max_resource: option(integerOrAutoValue(1), {
    default: 'auto',
    description:
      'the last step a trial can reach (at least min_resource); auto: one more than the last step of the first trial to complete',
  }),
  reduction_factor: option(integerValue(2), { default: 3, description: 'η: about 1/η of the trials at a rung go on to the next' }),
  bootstrap_count: option(integerValue(0), {
    default: 0,
    description: 'no trial is promoted from a rung until more than this many have reached it (needs an integer max_resource)',
  }),
  study_name: option(textValue(), {
    unset: 'none',
    description: "brackets keyed by <study_name>_<trial id>, as Optuna keys them, to reproduce an Optuna study's brackets",
  }),
});

export const hyperbandPlugin: PrunerPlugin = {
  name: 'hyperband',
  kind: 'pruner',
  description: 'hyperband: successive-halving brackets with different first rungs (Optuna)',
  options: hyperbandOptions,
  create(given, context) {
    const read = readOptions(hyperbandOptions, given);
    const { min_resource: minResource, max_resource: fixedMax, reduction_factor: reductionFactor } = read;
    const { bootstrap_count: bootstrapCount, study_name: studyName } = read;
    // across options: the brackets need max_resource >= min_resource, and bootstrapping a known max
    if (fixedMax !== null && fixedMax < minResource) {
      throw new PluginOptionError('max_resource', `expected an integer >= ${minResource} or "auto", got ${fixedMax}`);
    }
    if (bootstrapCount > 0 && fixedMax === null) {
      throw new PluginOptionError(
        'bootstrap_count',
        `expected 0 with max_resource "auto" (set an integer max_resource), got ${bootstrapCount}`,
      );
    }
    const explain = createExplainer(context);
    const keyOf = (trialId: number) => (studyName === undefined ? String(trialId) : `${studyName}_${trialId}`);
    let cached: { maxResource: number; layout: BracketLayout } | undefined;

    return {
      decide(request) {
        const maxResource = fixedMax ?? estimateMaxResource(request.study);
        if (maxResource === null) return CONTINUE;
        if (cached?.maxResource !== maxResource) {
          cached = { maxResource, layout: bracketLayout(minResource, maxResource, reductionFactor) };
        }
        const layout = cached.layout;
        const bracket = bracketOf(layout, keyOf(request.trial.trialId));
        const members = request.study.subset(
          `hyperband η=${reductionFactor} brackets=${layout.budgets.length} key=${studyName ?? ''}: ${bracket}`,
          (trialId) => bracketOf(layout, keyOf(trialId)) === bracket,
        );
        return judgeRungs(
          request,
          members,
          { minResource, reductionFactor, minEarlyStoppingRate: bracket, bootstrapCount },
          explain,
          `hyperband bracket ${bracket}`,
        );
      },
    };
  },
};
