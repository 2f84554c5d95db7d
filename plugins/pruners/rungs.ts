/**
 * Asynchronous successive halving, one decision at a time, as Optuna's SuccessiveHalvingPruner
 * makes it. Rung k sits at step `minResource · η^(minEarlyStoppingRate + k)` in the steps as
 * reported. A trial is judged at a rung on its first report whose step reaches it — one report
 * may reach several rungs, each judged in turn with the same value. There it competes with every
 * trial's value at that rung (the value each reported on reaching it, this trial's included) and
 * is promoted when in the top ⌊n/η⌋, or when it is the best so far while that is 0.
 *
 * Optuna records rung values as trial attributes; here they are read back from the curves
 * (StudyView.valuesOnReaching), so the decision stays a pure function of the history.
 */
import { formatStep, type Explainer } from '../../src/plugin-api/explain.js';
import type { PruneDecision, PruneRequest, StudyView } from '../../src/plugin-api/pruner.js';

export interface RungSettings {
  /** Step of the first rung before the early-stopping rate applies (`r`). */
  minResource: number;
  /** η: about 1/η of the trials at a rung go on to the next. */
  reductionFactor: number;
  /** s: the first rung is at `minResource · η^s`. */
  minEarlyStoppingRate: number;
  /** The first `bootstrap_count` trials to reach a rung are not promoted from it. */
  bootstrapCount: number;
}

export function rungStep(settings: RungSettings, rung: number): number {
  return settings.minResource * settings.reductionFactor ** (settings.minEarlyStoppingRate + rung);
}

/**
 * Judges every rung this report reaches for the first time. `label` opens the reason
 * ("asha", "hyperband bracket 2"); `study` is the set of trials competing at the rungs.
 */
export function judgeRungs(
  request: PruneRequest,
  study: StudyView,
  settings: RungSettings,
  explain: Explainer,
  label: string,
): PruneDecision {
  const { step, value, previousStep } = request;
  const eta = settings.reductionFactor;
  let lastCutoff: number | undefined;

  for (let rung = 0; ; rung++) {
    const at = rungStep(settings, rung);
    if (step < at) break;
    // Reached on an earlier report, and judged there.
    if (previousStep !== null && previousStep >= at) continue;

    const where = `${label} rung ${rung} (step ${formatStep(at)})`;
    if (Number.isNaN(value)) return explain.prune(`${where}: ${explain.metric} is nan`);

    const competing = study.valuesOnReaching(at);
    const n = competing.size;
    if (n <= settings.bootstrapCount) {
      return explain.prune(
        `${where}: ${n} trial(s) at this rung; bootstrap_count ${settings.bootstrapCount} ` +
          `promotes none until more than ${settings.bootstrapCount} have reached it`,
      );
    }
    const top = Math.max(Math.floor(n / eta), 1);
    const cutoff = competing.at(top - 1);
    if (value > cutoff) {
      return explain.prune(
        `${where}: ${explain.metric} ${explain.show(value)} not in top ${top} of ${n} trials ` +
          `at this rung (cutoff ${explain.show(cutoff)})`,
        cutoff,
      );
    }
    lastCutoff = cutoff;
  }
  return explain.keep(lastCutoff);
}
