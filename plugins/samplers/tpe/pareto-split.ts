/**
 * TPE's reading of a history of several objectives, as Optuna 3.1's TPESampler does it in its
 * multi-objective mode (MOTPE, `_split_observation_pairs` and
 * `_calculate_weights_below_for_multi_objective`):
 * 1. the completed trials are sorted into non-domination ranks (rank 0 is the Pareto front);
 * 2. the good group takes whole ranks, best first, while they fit in gamma(n); the rank that does
 *    not fit is thinned greedily to the points that add the most hypervolume;
 * 3. each good trial's kernel is weighted by the hypervolume only it adds to the good group, so
 *    the model leans on the trials that spread the front rather than on crowded ones.
 * The reference point is 10 % beyond the worst loss of the points at hand, per objective.
 *
 * Pruned trials are left out (3.1 does the same: a pruned trial has no value for every objective),
 * and so are completed trials missing any objective or with a value that is not finite. With the
 * constant liar, queued and running trials join the bad group, as in the single-objective split;
 * 3.1 ignores running trials here.
 */
import type { Goal } from '../../../src/plugin-api/plugin.js';
import type { TrialState } from '../../../src/plugin-api/trial-state.js';
import type { SamplerTrial } from '../../../src/plugin-api/sampler.js';
import { hypervolume } from './hypervolume.js';
import type { SplitHistory, SplitOptions } from './split.js';

/** 3.1's EPS: the reference point's coordinate where the worst loss is 0, and every contribution's floor. */
const EPS = 1e-12;
const IN_FLIGHT: ReadonlySet<TrialState> = new Set(['queued', 'pending', 'running', 'paused']);

export function splitHistoryByObjectives(history: readonly SamplerTrial[], goals: readonly Goal[], options: SplitOptions): SplitHistory {
  const signs = goals.map((goal) => (goal === 'minimize' ? 1 : -1));
  const scored: SamplerTrial[] = [];
  const losses: number[][] = [];
  const inFlight: SamplerTrial[] = [];
  const position = new Map<SamplerTrial, number>();
  history.forEach((trial, i) => position.set(trial, i));
  for (const trial of history) {
    if (trial.state === 'completed') {
      const values = trial.objectives ?? [trial.objective];
      if (values.length < goals.length) continue;
      const loss = signs.map((sign, k) => sign * (values[k] ?? NaN));
      if (!loss.every(Number.isFinite)) continue;
      scored.push(trial);
      losses.push(loss);
    } else if (options.constantLiar && IN_FLIGHT.has(trial.state)) {
      inFlight.push(trial);
    }
  }
  const below = selectGoodIndices(losses, options.gamma(losses.length));
  const isBelow = new Set(below);
  const above = scored.filter((_, i) => !isBelow.has(i));
  return {
    // In 3.1's order (rank by rank, then as the subset selection picked them): the kernels are drawn from in this order.
    good: below.map((i) => scored[i]),
    goodWeights: hypervolumeWeights(below.map((i) => losses[i])),
    bad: [...above, ...inFlight].sort((a, b) => position.get(a)! - position.get(b)!),
    finished: scored.length,
    finishedTrials: scored,
  };
}

/** Each loss vector's non-domination rank: 0 for the Pareto front, 1 for the front of the rest, … */
export function nondominationRanks(losses: readonly (readonly number[])[]): Int32Array {
  const n = losses.length;
  const dominates = (a: readonly number[], b: readonly number[]) => a.every((v, d) => v <= b[d]) && a.some((v, d) => v < b[d]);
  const ranks = new Int32Array(n).fill(-1);
  let unranked = n;
  for (let rank = 0; unranked > 0; rank++) {
    const front: number[] = [];
    for (let i = 0; i < n; i++) {
      if (ranks[i] !== -1) continue;
      let beaten = false;
      for (let j = 0; j < n && !beaten; j++) beaten = ranks[j] === -1 && dominates(losses[j], losses[i]);
      if (!beaten) front.push(i);
    }
    for (const i of front) ranks[i] = rank;
    unranked -= front.length;
  }
  return ranks;
}

/** The indices of the good group, in 3.1's order: whole ranks first, then the subset selection's picks. */
export function selectGoodIndices(losses: readonly (readonly number[])[], goodCount: number): number[] {
  const ranks = nondominationRanks(losses);
  const members = (rank: number) => losses.flatMap((_, i) => (ranks[i] === rank ? [i] : []));
  const chosen: number[] = [];
  let rank = 0;
  while (chosen.length < goodCount && chosen.length + members(rank).length <= goodCount) chosen.push(...members(rank++));
  const missing = goodCount - chosen.length;
  if (missing > 0) {
    const boundary = members(rank);
    const picks = greedySubset(
      boundary.map((i) => losses[i]),
      missing,
      referencePoint(boundary.map((i) => losses[i])),
    );
    chosen.push(...picks.map((k) => boundary[k]));
  }
  return chosen;
}

/**
 * The hypervolume subset selection problem, solved greedily (a 1 − 1/e approximation) exactly as
 * 3.1's `_solve_hssp` does, including how it updates each remaining point's contribution.
 */
function greedySubset(points: readonly (readonly number[])[], size: number, reference: readonly number[]): number[] {
  const contributions = points.map((p) => hypervolume([p], reference));
  const selected: (readonly number[])[] = [];
  const picks: number[] = [];
  let selectedVolume = 0;
  while (picks.length < size) {
    let best = 0;
    for (let j = 1; j < contributions.length; j++) if (contributions[j] > contributions[best]) best = j;
    contributions[best] = -1;
    const vector = points[best];
    points.forEach((v, j) => {
      if (contributions[j] === -1) return;
      const corner = v.map((x, d) => Math.max(x, vector[d]));
      contributions[j] -= hypervolume([...selected, corner], reference) - selectedVolume;
    });
    selected.push(vector);
    picks.push(best);
    selectedVolume = hypervolume(selected, reference);
  }
  return picks;
}

/** Each good trial's kernel weight: the hypervolume only it adds, relative to the largest. */
export function hypervolumeWeights(losses: readonly (readonly number[])[]): Float64Array {
  if (losses.length <= 1) return new Float64Array(losses.length).fill(1);
  const reference = referencePoint(losses);
  const total = hypervolume(losses, reference);
  const contributions = losses.map(
    (_, i) =>
      total -
      hypervolume(
        losses.filter((_, j) => j !== i),
        reference,
      ) +
      EPS,
  );
  const largest = Math.max(...contributions);
  return Float64Array.from(contributions, (c) => Math.min(1, Math.max(0, c / largest)));
}

/** 10 % beyond the worst loss in each objective (whatever its sign); EPS where that is 0. */
function referencePoint(losses: readonly (readonly number[])[]): number[] {
  return losses[0].map((_, d) => {
    const worst = Math.max(...losses.map((l) => l[d]));
    return Math.max(1.1 * worst, 0.9 * worst) || EPS;
  });
}
