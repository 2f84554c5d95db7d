/** One row per trial, the shape `export`, `status --json` and `best` share; and the best trial. */
import { decodeNumber, encodeNullableNumber, type JsonNumber } from '../../plugin-api/json-number.js';
import type { Goal } from '../../plugin-api/plugin.js';
import type { Params } from '../../plugin-api/space.js';
import { outranks } from '../metrics/objective.js';
import type { TrialState } from '../../plugin-api/trial-state.js';
import type { TrialRecord } from './records.js';
import type { EchoedValue } from '../../plugin-api/parser.js';
import { recordedObjectives } from '../objectives/recorded.js';

export interface ExportRow {
  id: number;
  state: TrialState;
  params: Params;
  objective: JsonNumber | null;
  best: JsonNumber | null;
  /** Number of objective reports. */
  steps: number;
  spread: JsonNumber | null;
  objective_source: string | null;
  echoed: Record<string, EchoedValue>;
  exit_code: number | null;
  signal: string | null;
  duration_s: number | null;
  reason: string | null;
  /** While it runs and is flagged silent: unix ms of its last output. */
  silent_since: number | null;
  /** While it runs: seconds still to go, from its pace, when known. */
  eta_s: number | null;
  /** How many folds, repeats or contexts its objective combines (0 before any report). */
  contexts: number;
  /** A sweep with folds or repeats: each run's own state and result. */
  runs?: ExportRunRow[];
  /** A budget sweep: the budget of the level it reached (its latest run's). */
  budget?: number;
  /** …and that level of all, as `2/3`. */
  level?: string;
  /** A sweep of several objectives: each objective's value by name (the first is `objective`). */
  objectives?: Record<string, JsonNumber | null>;
}

/** One run of a trial (a fold, a repeat): `status --json`, and `export --runs` one row each. */
export interface ExportRunRow {
  index: number;
  key: string;
  state: TrialState;
  objective: JsonNumber | null;
  exit_code: number | null;
  duration_s: number | null;
  reason: string | null;
}

export function exportRunRows(trial: TrialRecord): ExportRunRow[] {
  return (trial.runs ?? []).map((run) => ({
    index: run.index,
    key: run.key,
    state: run.state,
    objective: encodeNullableNumber(decodeNumber(run.objective)),
    exit_code: run.exitCode,
    duration_s: run.startedAt === null && !run.runtimeMs ? null : Math.round(run.runtimeMs) / 1000,
    reason: run.reason,
  }));
}

/**
 * A budget sweep's trial: the level of its latest run, and that level's budget. Once it ended, its
 * objective is from that level, unless that level's run failed (then the level below's).
 */
export function budgetLevel(trial: TrialRecord, levels: readonly number[] | null): { budget: number; level: string } | null {
  if (!levels || !trial.ladder || !trial.runs?.length) return null;
  const index = trial.ladder.startLevel + trial.runs.length - 1;
  return { budget: levels[index], level: `${index + 1}/${levels.length}` };
}

/**
 * `levels`: a budget sweep's levels (its config's), so each row says the trial's; null otherwise.
 * `objectives`: the sweep's; a sweep of several gives each row every objective's value by name.
 */
export function exportRow(
  trial: TrialRecord,
  levels: readonly number[] | null = null,
  objectives: ReadonlyArray<{ name: string }> = [],
): ExportRow {
  return {
    id: trial.id,
    state: trial.state,
    params: trial.params,
    objective: encodeNullableNumber(decodeNumber(trial.objective)),
    best: encodeNullableNumber(decodeNumber(trial.best)),
    steps: trial.steps,
    spread: encodeNullableNumber(decodeNumber(trial.spread ?? null)),
    objective_source: trial.objectiveSource ?? null,
    echoed: trial.echoed ?? {},
    exit_code: trial.exitCode,
    signal: trial.signal,
    duration_s: trial.startedAt === null && !trial.runtimeMs ? null : Math.round(trial.runtimeMs) / 1000,
    reason: trial.reason,
    silent_since: trial.silentSince ?? null,
    eta_s: trial.etaMs === undefined ? null : Math.round(trial.etaMs / 1000),
    contexts: trial.contexts ?? (trial.objective === null ? 0 : 1),
    ...(trial.runs && { runs: exportRunRows(trial) }),
    ...budgetLevel(trial, levels),
    ...(objectives.length > 1 && { objectives: objectivesByName(trial, objectives) }),
  };
}

function objectivesByName(trial: TrialRecord, objectives: ReadonlyArray<{ name: string }>): Record<string, JsonNumber | null> {
  const values = recordedObjectives(trial);
  return Object.fromEntries(objectives.map((objective, i) => [objective.name, encodeNullableNumber(values[i])]));
}

/** The best completed trial by objective; ties go to the lowest id. */
export function bestTrial(trials: readonly TrialRecord[], goal: Goal): TrialRecord | null {
  let best: TrialRecord | null = null;
  for (const trial of trials) {
    if (trial.state !== 'completed') continue;
    const value = decodeNumber(trial.objective);
    if (value === undefined || Number.isNaN(value)) continue;
    if (outranks(value, trial.id, best && { value: decodeNumber(best.objective)!, id: best.id }, goal)) best = trial;
  }
  return best;
}

/**
 * CSV with a header: id, state, param.<name>…, objective, best, steps, exit_code, signal,
 * duration_s, reason, spread, objective_source, a budget sweep's budget and level, and a sweep of
 * several objectives' objective.<name> for each (the columns after reason added within format 1:
 * read by name).
 */
export function rowsToCsv(
  rows: readonly ExportRow[],
  parameterNames: readonly string[],
  budgetSweep = false,
  objectiveNames: readonly string[] = [],
): string {
  const several = objectiveNames.length > 1 ? objectiveNames : [];
  const header = [
    'id',
    'state',
    ...parameterNames.map((n) => `param.${n}`),
    'objective',
    'best',
    'steps',
    'exit_code',
    'signal',
    'duration_s',
    'reason',
    'spread',
    'objective_source',
    ...(budgetSweep ? ['budget', 'level'] : []),
    ...several.map((name) => `objective.${name}`),
  ];
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) {
    const cells = [
      row.id,
      row.state,
      ...parameterNames.map((n) => row.params[n]),
      row.objective,
      row.best,
      row.steps,
      row.exit_code,
      row.signal,
      row.duration_s,
      row.reason,
      row.spread,
      row.objective_source,
      ...(budgetSweep ? [row.budget, row.level] : []),
      ...several.map((name) => row.objectives?.[name] ?? null),
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return lines.join('\n') + '\n';
}

/** `export --runs` as CSV: id, run, key, state, param.<name>…, objective (the run's), exit_code, duration_s, reason, trial_objective. */
export function runRowsToCsv(
  rows: ReadonlyArray<ExportRunRow & { id: number; params: Params; trial_objective: JsonNumber | null }>,
  parameterNames: readonly string[],
): string {
  const header = [
    'id',
    'run',
    'key',
    'state',
    ...parameterNames.map((n) => `param.${n}`),
    'objective',
    'exit_code',
    'duration_s',
    'reason',
    'trial_objective',
  ];
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) {
    const cells = [
      row.id,
      row.index,
      row.key,
      row.state,
      ...parameterNames.map((n) => row.params[n]),
      row.objective,
      row.exit_code,
      row.duration_s,
      row.reason,
      row.trial_objective,
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return lines.join('\n') + '\n';
}

/** RFC 4180: quote when needed, double the quotes; null is an empty cell. */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
