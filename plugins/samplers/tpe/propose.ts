/**
 * One TPE step over a group of parameters — all of them jointly (multivariate), or one at a time:
 * fit l(x) to the good trials and g(x) to the bad ones, draw candidates from l, and keep the one
 * with the largest log l(x) − log g(x), i.e. the most expected improvement.
 */
import type { ParamValue } from '../../../src/plugin-api/space.js';
import type { Rng } from '../../../src/plugin-api/rng.js';
import type { SamplerTrial } from '../../../src/plugin-api/sampler.js';
import type { ModelledParameter } from './dimension.js';
import { ParzenEstimator, type ParzenOptions } from './parzen-estimator.js';

/**
 * Each parameter's internal values over `trials` (in their order), NaN where the trial's value is
 * not one the parameter allows — a hand-added trial, a space changed on resume. Computed once per
 * suggestion and shared by every group.
 */
export function encodeTrials(models: readonly ModelledParameter[], trials: readonly SamplerTrial[]): Float64Array[] {
  return models.map((model) => Float64Array.from(trials, (trial) => model.encode(trial.params[model.name]) ?? NaN));
}

/**
 * @param good, bad the group's columns from encodeTrials, in the group's order.
 * @param goodWeights the good trials' kernel weights (SplitHistory.goodWeights), if not the default.
 */
export function proposeValues(
  group: readonly ModelledParameter[],
  good: readonly Float64Array[],
  bad: readonly Float64Array[],
  options: ParzenOptions & { nEiCandidates: number },
  rng: Rng,
  goodWeights?: Float64Array,
): ParamValue[] {
  const dimensions = group.map((p) => p.dimension);
  const kept = completeRows(good);
  const l = new ParzenEstimator(dimensions, kept.columns, options, goodWeights && Float64Array.from(kept.rows, (i) => goodWeights[i]));
  const g = new ParzenEstimator(dimensions, completeRows(bad).columns, options);
  // Candidates are snapped to allowed values before scoring, so a stepped value is scored by its bucket.
  const candidates = l.sample(rng, options.nEiCandidates).map((raw) => raw.map((x, d) => group[d].decode(x)));
  const encoded = candidates.map((values) => values.map((value, d) => group[d].encode(value) ?? NaN));
  const logL = l.logScore(encoded);
  const logG = g.logScore(encoded);
  let best = 0;
  for (let i = 1; i < candidates.length; i++) {
    if (logL[i] - logG[i] > logL[best] - logG[best]) best = i;
  }
  return candidates[best];
}

/** The columns restricted to trials with a value in every one of them (nothing is guessed), and which rows those are. */
function completeRows(columns: readonly Float64Array[]): { columns: Float64Array[]; rows: number[] } {
  const length = columns[0]?.length ?? 0;
  const rows: number[] = [];
  for (let i = 0; i < length; i++) if (columns.every((column) => !Number.isNaN(column[i]))) rows.push(i);
  if (rows.length === length) return { columns: [...columns], rows };
  return { columns: columns.map((column) => Float64Array.from(rows, (i) => column[i])), rows };
}
