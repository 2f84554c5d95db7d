/**
 * Whether the best trial is distinguishable from the next ones, when trials are scored over
 * several runs (folds, repeats): a paired Wilcoxon signed-rank test over the runs both trials
 * have, against each of the next few trials, at one significance level.
 *
 * The ranking is the objective's: runs combined (mean by default), NaN last, equal values to the
 * lower id. A run whose value is not a finite number in either trial is left out of the pairs.
 */
import type { Goal } from '../../plugin-api/plugin.js';
import { combineResults, outranks, spreadOf, type ObjectiveSpec } from '../metrics/objective.js';
import { signedRankTest, type SignedRankResult } from './wilcoxon.js';

/** One trial's objective value per run, keyed by run (`fold 0`, `repeat 1`). */
export interface TrialRunValues {
  id: number;
  runs: ReadonlyMap<string, number>;
}

export interface DistinctionOptions {
  /** Significance level of each comparison. Default 0.05. */
  alpha?: number;
  /** How many trials after the best are compared with it. Default 3. */
  rivals?: number;
  /** How the runs make a trial's value, as the objective's `combine`. Default 'mean'. */
  combine?: ObjectiveSpec['combine'];
}

export interface TrialStanding {
  id: number;
  /** The runs combined. */
  value: number;
  /** The objective's spread of the runs; null for fewer than two. */
  spread: number | null;
  runs: number;
}

export type RivalVerdict = TrialStanding & { sharedRuns: number } & (
    | { verdict: 'too-few-shared-runs' }
    | { verdict: 'distinguishable' | 'not-distinguishable'; test: SignedRankResult }
  );

export interface WinnerDistinction {
  /** Null when no trial has a run value. */
  best: TrialStanding | null;
  rivals: RivalVerdict[];
  alpha: number;
  /** The fewest shared runs for which a two-sided p-value can fall below alpha. */
  neededRuns: number;
}

export function distinguishWinner(trials: readonly TrialRunValues[], goal: Goal, options: DistinctionOptions = {}): WinnerDistinction {
  const { alpha = 0.05, rivals: rivalCount = 3, combine = 'mean' } = options;
  const neededRuns = fewestRunsToReach(alpha);
  const ranked = trials
    .filter((trial) => trial.runs.size > 0)
    .map((trial) => ({ trial, standing: standingOf(trial, combine) }))
    .sort(({ standing: a }, { standing: b }) =>
      outranks(a.value, a.id, b, goal) ? -1 : outranks(b.value, b.id, a, goal) ? 1 : a.id - b.id,
    );
  if (ranked.length === 0) return { best: null, rivals: [], alpha, neededRuns };
  const [best, ...rest] = ranked;
  const rivals = rest.slice(0, rivalCount).map(({ trial, standing }): RivalVerdict => {
    const differences = pairedDifferences(best.trial, trial);
    const sharedRuns = differences.length;
    if (sharedRuns < neededRuns) return { ...standing, sharedRuns, verdict: 'too-few-shared-runs' };
    const test = signedRankTest(differences);
    return { ...standing, sharedRuns, verdict: test.p < alpha ? 'distinguishable' : 'not-distinguishable', test };
  });
  return { best: best.standing, rivals, alpha, neededRuns };
}

function standingOf(trial: TrialRunValues, combine: ObjectiveSpec['combine']): TrialStanding {
  const values = [...trial.runs.values()];
  return { id: trial.id, value: combineResults(values, combine), spread: spreadOf(values), runs: values.length };
}

/**
 * Two-sided, the smallest p-value n pairs can give is 2/2^n (every difference of one sign):
 * with fewer runs than this, no outcome could be told apart, and a p-value would only mislead.
 */
function fewestRunsToReach(alpha: number): number {
  let n = 1;
  while (2 / 2 ** n >= alpha) n++;
  return n;
}

/**
 * `best − other` over the runs both have finite values for, in run-key order. Each difference is
 * rounded to 12 significant digits of the largest value compared: the values were printed in
 * decimals, and 0.951 − 0.948 and 0.953 − 0.950 must tie (and x − x stay 0), which their doubles
 * do not — SciPy's documentation asks its callers to round the same way.
 */
function pairedDifferences(best: TrialRunValues, other: TrialRunValues): number[] {
  const pairs: [number, number][] = [];
  for (const key of [...best.runs.keys()].sort()) {
    const [a, b] = [best.runs.get(key), other.runs.get(key)];
    if (a !== undefined && b !== undefined && Number.isFinite(a) && Number.isFinite(b)) pairs.push([a, b]);
  }
  const largest = Math.max(0, ...pairs.flat().map(Math.abs));
  if (largest === 0) return pairs.map(() => 0);
  const unit = 10 ** (Math.floor(Math.log10(largest)) - 11);
  return pairs.map(([a, b]) => Math.round((a - b) / unit) * unit);
}
