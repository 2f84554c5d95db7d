/**
 * What `sweeptop analyze` says of a sweep: which parameters matter (importance.ts), where the good
 * region of each lies among the best tenth of the completed trials, and the top trials. Pure.
 */
import { decodeNumber } from '../../plugin-api/json-number.js';
import type { ParamValue, SearchSpace } from '../../plugin-api/space.js';
import { tunable } from '../../plugin-api/space.js';
import type { TrialRecord } from '../state/records.js';
import { type ImportanceResult, parameterImportances } from './importance.js';

export type Goal = 'minimize' | 'maximize';

/** The share of the completed trials, best first, whose values make the good region. */
const TOP_SHARE = 0.1;
export const TOP_TRIALS = 5;

export type BestRegion =
  | { name: string; kind: 'range'; low: number; high: number; median: number }
  | { name: string; kind: 'shares'; shares: { value: ParamValue; share: number }[] };

export interface ImportanceReport {
  importance: ImportanceResult;
  /** How many completed trials the best region is drawn from (the best 10 %, at least 1). */
  regionTrials: number;
  regions: BestRegion[];
  top: TrialRecord[];
}

/** Completed trials with a finite objective, best first (ties: the lowest id). */
export function rankedCompleted(trials: readonly TrialRecord[], goal: Goal): TrialRecord[] {
  const sign = goal === 'minimize' ? 1 : -1;
  return trials
    .filter((t) => t.state === 'completed' && Number.isFinite(decodeNumber(t.objective)))
    .sort((a, b) => sign * (decodeNumber(a.objective)! - decodeNumber(b.objective)!) || a.id - b.id);
}

export function importanceReport(trials: readonly TrialRecord[], space: SearchSpace, goal: Goal, seed = 0): ImportanceReport {
  const ranked = rankedCompleted(trials, goal);
  const importance = parameterImportances(
    trials.map((t) => ({ params: t.params, objective: decodeNumber(t.objective) ?? null, completed: t.state === 'completed' })),
    space,
    { seed },
  );
  const best = ranked.slice(0, ranked.length === 0 ? 0 : Math.max(1, Math.ceil(ranked.length * TOP_SHARE)));
  // a conditional parameter's region is drawn from the best trials that have it; none of them, no region
  const regions = tunable(space).flatMap((p) => {
    const values = best.filter((t) => Object.hasOwn(t.params, p.name)).map((t) => t.params[p.name]!);
    return values.length === 0 ? [] : [bestRegion(p, values)];
  });
  return { importance, regionTrials: best.length, regions, top: ranked.slice(0, TOP_TRIALS) };
}

function bestRegion(parameter: ReturnType<typeof tunable>[number], values: ParamValue[]): BestRegion {
  const { name } = parameter;
  const numbers = values.filter((v): v is number => typeof v === 'number').sort((a, b) => a - b);
  if (parameter.kind === 'choice' || numbers.length < values.length) {
    const counts = new Map<ParamValue, number>();
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
    const shares = [...counts].map(([value, count]) => ({ value, share: count / values.length })).sort((a, b) => b.share - a.share);
    return { name, kind: 'shares', shares };
  }
  // a log-scaled parameter's quartiles are taken where it was sampled, in log space (a range of
  // 1e-4 … 1e-1 has its middle at 3e-3, not 0.05); an integer's region holds whole values
  const log = parameter.log && numbers[0]! > 0;
  const at = (q: number) => (log ? Math.exp(quantile(numbers.map(Math.log), q)) : quantile(numbers, q));
  const [low, high] = parameter.kind === 'int' ? [Math.floor(at(0.25)), Math.ceil(at(0.75))] : [at(0.25), at(0.75)];
  return { name, kind: 'range', low, high, median: at(0.5) };
}

/** Linear interpolation between order statistics (numpy's default). */
function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}
