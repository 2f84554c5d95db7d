/**
 * Which parameters matter: each parameter's share of the objective's variance, computed as
 * Optuna 3.1's default importance evaluator (FanovaImportanceEvaluator) computes it — a random
 * forest fitted to the completed trials, then fANOVA over its trees. Pure: no I/O.
 *
 * Encoded as Optuna encodes for it: numbers as they are (not in log space, even when sampled in
 * it: Optuna 3.1 passes transform_log=False), bounded by the declared range; a choice one-hot,
 * a column per value in [0, 1]; a parameter with a single possible value scores 0.
 *
 * A conditional parameter (`when:`) absent from some of the completed trials is left out of the
 * forest and reported as `absent`, not scored: the forest is fitted to every completed trial over
 * the parameters all of them have, as Optuna 3.1 does when a study's trials differ in their
 * parameters (it takes the intersection of their search spaces). Fitting on only the trials where
 * every analysed parameter is active would drop whole branches (no trial has both momentum and
 * beta1), and per-parameter forests would give shares that do not add up.
 */
import type { Params, SearchSpace } from '../../plugin-api/space.js';
import { tunable } from '../../plugin-api/space.js';
import { fitForest, presortColumns, type ForestSettings, type RegressionTree } from './fanova-forest.js';
import { fanovaImportances } from './fanova.js';

/** Below this many completed trials there is no importance: a forest on fewer says little. */
export const MIN_COMPLETED_TRIALS = 10;

/** Optuna 3.1's FanovaImportanceEvaluator defaults (n_trees, max_depth; min_samples_* as it passes them). */
const OPTUNA_FOREST = { trees: 64, maxDepth: 64, minSamplesSplit: 2, minSamplesLeaf: 1 } as const;

export interface ImportanceTrial {
  params: Params;
  /** The trial's objective; only completed trials with a finite one count, as in Optuna. */
  objective: number | null;
  completed: boolean;
}

export interface ParameterImportance {
  name: string;
  /** Its share, the importances summing to 1. */
  importance: number;
}

export type ImportanceResult =
  /** `absent`: conditional parameters missing from some completed trials, left out (not scored). */
  | { computed: true; completed: number; importances: ParameterImportance[]; absent: string[] }
  | { computed: false; completed: number; reason: string };

interface Encoding {
  bounds: [number, number][];
  columnsOf: number[][];
  /** Parameters that vary, with their columns' encoders; the rest score 0. */
  varying: { name: string; encode: (value: unknown, row: Float64Array, offset: number) => boolean; width: number }[];
  single: string[];
}

export interface ImportanceOptions {
  seed: number;
}

/** Each tunable parameter's importance, largest first (ties by declaration order), or why there is none. */
export function parameterImportances(trials: readonly ImportanceTrial[], space: SearchSpace, options: ImportanceOptions): ImportanceResult {
  const prepared = prepare(trials, space);
  if ('reason' in prepared) return prepared;
  const trees: RegressionTree[] = [];
  for (let t = 0; t < OPTUNA_FOREST.trees; t++)
    trees.push(...fitForest(prepared.columns, prepared.y, oneTree(options.seed, t), prepared.presorted));
  return finish(trees, prepared);
}

/** The same, yielding to the event loop between trees, so that a screen drawing meanwhile stays live. */
export async function parameterImportancesInTurns(
  trials: readonly ImportanceTrial[],
  space: SearchSpace,
  options: ImportanceOptions,
): Promise<ImportanceResult> {
  const prepared = prepare(trials, space);
  if ('reason' in prepared) return prepared;
  const trees: RegressionTree[] = [];
  for (let t = 0; t < OPTUNA_FOREST.trees; t++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    trees.push(...fitForest(prepared.columns, prepared.y, oneTree(options.seed, t), prepared.presorted));
  }
  return finish(trees, prepared);
}

function oneTree(seed: number, index: number): ForestSettings {
  // each tree its own stream: both ways of computing give the same forest
  return { ...OPTUNA_FOREST, trees: 1, seed: seed * 1000 + index };
}

interface Prepared {
  encoding: Encoding;
  columns: Float64Array[];
  y: Float64Array;
  presorted: Int32Array[];
  completed: number;
  absent: string[];
}

function prepare(
  trials: readonly ImportanceTrial[],
  space: SearchSpace,
): Prepared | { computed: false; completed: number; reason: string } {
  const usable = trials.filter((t) => t.completed && t.objective !== null && Number.isFinite(t.objective));
  const completed = usable.length;
  const absent = tunable(space)
    .filter((p) => p.when !== undefined && usable.some((t) => !Object.hasOwn(t.params, p.name)))
    .map((p) => p.name);
  const encoding = encode(space.filter((p) => !absent.includes(p.name)));
  if (completed < MIN_COMPLETED_TRIALS)
    return { computed: false, completed, reason: `needs ${MIN_COMPLETED_TRIALS} completed trials, have ${completed}` };
  if (encoding.varying.length === 0) {
    const why =
      absent.length > 0 ? 'no parameter present in every trial takes more than one value' : 'no parameter takes more than one value';
    return { computed: false, completed, reason: why };
  }
  const width = encoding.bounds.length;
  const rows: Float64Array[] = [];
  const y: number[] = [];
  for (const trial of usable) {
    const row = new Float64Array(width);
    let offset = 0;
    let fits = true;
    for (const parameter of encoding.varying) {
      fits &&= parameter.encode(trial.params[parameter.name], row, offset);
      offset += parameter.width;
    }
    if (!fits) continue;
    rows.push(row);
    y.push(trial.objective as number);
  }
  if (rows.length < MIN_COMPLETED_TRIALS)
    return {
      computed: false,
      completed,
      reason: `needs ${MIN_COMPLETED_TRIALS} completed trials whose parameters fit the search space, have ${rows.length}`,
    };
  const columns = encoding.bounds.map((_, c) => Float64Array.from(rows, (row) => row[c]!));
  // a value outside its declared range (a trial added by hand, a range narrowed since) widens the range
  encoding.bounds.forEach((bound, c) => {
    for (const value of columns[c]!) {
      bound[0] = Math.min(bound[0], value);
      bound[1] = Math.max(bound[1], value);
    }
  });
  return { encoding, columns, y: Float64Array.from(y), presorted: presortColumns(columns), completed, absent };
}

function finish(trees: RegressionTree[], prepared: Prepared): ImportanceResult {
  const { encoding, completed, absent } = prepared;
  const raw = fanovaImportances(trees, encoding.bounds, encoding.columnsOf);
  const total = raw?.reduce((a, b) => a + b, 0) ?? 0;
  if (raw === null || !(total > 0)) return { computed: false, completed, reason: 'the objective does not vary with the parameters' };
  const importances = [
    ...encoding.varying.map((p, i) => ({ name: p.name, importance: raw[i]! / total })),
    ...encoding.single.map((name) => ({ name, importance: 0 })),
  ];
  // a stable sort: equal importances keep the declaration order
  importances.sort((a, b) => b.importance - a.importance);
  return { computed: true, completed, importances, absent };
}

function encode(space: SearchSpace): Encoding {
  const encoding: Encoding = { bounds: [], columnsOf: [], varying: [], single: [] };
  for (const parameter of tunable(space)) {
    const first = encoding.bounds.length;
    if (parameter.kind === 'choice') {
      if (parameter.values.length < 2) {
        encoding.single.push(parameter.name);
        continue;
      }
      const values = parameter.values;
      for (const _ of values) encoding.bounds.push([0, 1]);
      encoding.columnsOf.push(values.map((_, k) => first + k));
      encoding.varying.push({
        name: parameter.name,
        width: values.length,
        encode: (value, row, offset) => {
          const index = values.findIndex((v) => v === value);
          if (index < 0) return false;
          row[offset + index] = 1;
          return true;
        },
      });
      continue;
    }
    if (parameter.low === parameter.high) {
      encoding.single.push(parameter.name);
      continue;
    }
    encoding.bounds.push([parameter.low, parameter.high]);
    encoding.columnsOf.push([first]);
    encoding.varying.push({
      name: parameter.name,
      width: 1,
      encode: (value, row, offset) => {
        if (typeof value !== 'number' || !Number.isFinite(value)) return false;
        row[offset] = value;
        return true;
      },
    });
  }
  return encoding;
}
