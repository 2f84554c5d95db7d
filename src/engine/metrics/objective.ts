/**
 * What "the objective" of a trial is, defined once for the sweep, `best`, `status`, `export`,
 * the samplers, `stop_when`, the screen and `rescore`:
 *
 * - each context (a fold, split or seed; one unnamed context for a plain script) has a curve of
 *   the objective metric; `value` picks its result: the `last` value reported, or the `best`;
 * - `combine` (mean or median) makes one figure of the contexts' results; their population
 *   standard deviation is the spread shown beside it (numpy's `std()`, as the scripts print);
 * - when the script never prints the metric's own name but prints a summary of it
 *   (`mean/accuracy`, `final/val_loss`), that summary is the objective, and `source` names it so
 *   that every screen says so.
 */
import type { Goal } from '../../plugin-api/plugin.js';
import { splitSummaryName, type SummaryQualifier } from '../../plugin-api/metric-names.js';

export interface ObjectiveSpec {
  name: string;
  goal: Goal;
  /** Each context's result: its last reported value, or its best. */
  value: 'last' | 'best';
  /** How several contexts' results make the objective. */
  combine: 'mean' | 'median';
}

/** The objective as recorded by any version: `value` and `combine` default to last and mean. */
export function objectiveSpec(recorded: {
  name: string;
  goal: Goal;
  value?: ObjectiveSpec['value'];
  combine?: ObjectiveSpec['combine'];
}): ObjectiveSpec {
  return { name: recorded.name, goal: recorded.goal, value: recorded.value ?? 'last', combine: recorded.combine ?? 'mean' };
}

/** Which summary stands in for a metric never printed under its own name, most telling first. */
const STAND_IN_ORDER: readonly SummaryQualifier[] = ['mean', 'final', 'best', 'test', 'max', 'min'];

/**
 * The qualifier of `name` when it is a summary that may stand in for the objective `spec`
 * (`mean/accuracy` for `accuracy`, in any case of the key), else undefined. `std/…` never does.
 */
export function standInQualifier(name: string, objectiveName: string): SummaryQualifier | undefined {
  const summary = splitSummaryName(name);
  if (summary === null || summary.qualifier === 'std') return undefined;
  return summary.key.toLowerCase() === objectiveName.toLowerCase() ? summary.qualifier : undefined;
}

/** The preferred stand-in among several summary names (all stand-ins of one objective). */
export function preferredStandIn(names: readonly string[], objectiveName: string): string | undefined {
  let chosen: string | undefined;
  let rank = Infinity;
  for (const name of names) {
    const qualifier = standInQualifier(name, objectiveName);
    const at = qualifier === undefined ? -1 : STAND_IN_ORDER.indexOf(qualifier);
    if (at !== -1 && at < rank) {
      chosen = name;
      rank = at;
    }
  }
  return chosen;
}

/** The contexts' results made one: NaN if any is NaN (a diverged fold ranks the trial last). */
export function combineResults(results: readonly number[], combine: ObjectiveSpec['combine']): number {
  if (results.length === 1) return results[0];
  if (results.some(Number.isNaN)) return NaN;
  if (combine === 'mean') return results.reduce((sum, x) => sum + x, 0) / results.length;
  const sorted = [...results].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Population standard deviation of the contexts' results; null for fewer than two. */
export function spreadOf(results: readonly number[]): number | null {
  if (results.length < 2 || results.some((x) => !Number.isFinite(x))) return null;
  const mean = results.reduce((sum, x) => sum + x, 0) / results.length;
  return Math.sqrt(results.reduce((sum, x) => sum + (x - mean) ** 2, 0) / results.length);
}

/** NaN is never better than anything; anything is better than nothing. */
export function isBetter(value: number | null, than: number | null, goal: Goal): boolean {
  if (value === null || Number.isNaN(value)) return false;
  if (than === null || Number.isNaN(than)) return true;
  return goal === 'minimize' ? value < than : value > than;
}

/** Whether trial `id`'s objective takes the best place from `best`'s: better, or as good with a lower id. */
export function outranks(value: number, id: number, best: { value: number | null; id: number } | null, goal: Goal): boolean {
  return best === null || isBetter(value, best.value, goal) || (value === best.value && id < best.id);
}

/** How the objective was found, in words: `mean/accuracy — no per-step accuracy printed`. */
export function describeStandIn(source: string, objectiveName: string): string {
  return `${source} — no per-step ${objectiveName} printed`;
}
