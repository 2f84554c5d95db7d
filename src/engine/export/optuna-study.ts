/**
 * A stored sweep as one Optuna study: each trial's state, parameters (with their distributions),
 * objective, objective curve and what sweeptop knows besides (user attributes). What Optuna has no
 * place for is kept in user attributes, never dropped: `sweeptop_state` keeps a killed, timed-out
 * or lost trial's own state, which Optuna knows only as FAIL.
 */
import { resolve } from 'node:path';
import { decodeNumber } from '../../plugin-api/json-number.js';
import type { Goal } from '../../plugin-api/plugin.js';
import type { Parameter } from '../../plugin-api/space.js';
import type { TrialState } from '../../plugin-api/trial-state.js';
import { UserError } from '../errors.js';
import type { ObjectiveSpec } from '../metrics/objective.js';
import type { StoredSweep } from '../state/load-sweep.js';
import { exportRow } from '../state/export-rows.js';
import type { TrialRecord } from '../state/records.js';
import { SWEEPTOP_VERSION } from '../version.js';
import { asOptunaAccepts, optunaDistribution } from './optuna-distributions.js';
import { runsCurve } from './optuna-run-curve.js';
import { widened } from './optuna-widened-space.js';

export type OptunaTrialState = 'RUNNING' | 'COMPLETE' | 'PRUNED' | 'FAIL' | 'WAITING';

export interface OptunaStudy {
  name: string;
  direction: 'MINIMIZE' | 'MAXIMIZE';
  userAttrs: Record<string, unknown>;
  trials: OptunaTrial[];
  /** One line each: what could not be written as Optuna has it (and where it went instead). */
  notices: string[];
}

export interface OptunaTrial {
  number: number;
  state: OptunaTrialState;
  /** Unix ms. */
  start: number | null;
  complete: number | null;
  params: Array<{ name: string; internal: number; distributionJson: string }>;
  value: number | null;
  intermediate: Array<{ step: number; value: number }>;
  userAttrs: Record<string, unknown>;
}

const OPTUNA_STATE: Record<TrialState, OptunaTrialState> = {
  queued: 'WAITING',
  pending: 'RUNNING',
  running: 'RUNNING',
  paused: 'RUNNING',
  completed: 'COMPLETE',
  pruned: 'PRUNED',
  failed: 'FAIL',
  killed: 'FAIL',
  timed_out: 'FAIL',
  lost: 'FAIL',
};

export async function optunaStudy(sweep: StoredSweep): Promise<OptunaStudy> {
  const parameters = sweep.config?.parameters as readonly Parameter[] | undefined;
  if (!sweep.metric || !Array.isArray(parameters)) {
    throw new UserError(
      `${sweep.dir}: the sweep's objective and parameters are not recorded (sweep.json is damaged), so there is no Optuna study to write`,
    );
  }
  // an Optuna study of several objectives has a direction and a value per objective: not written yet
  if (sweep.objectives && sweep.objectives.length > 1) {
    throw new UserError(
      `export --format optuna: this sweep has ${sweep.objectives.length} objectives, and writing a multi-objective Optuna study is not built yet; use --format csv or json (a column per objective)`,
    );
  }
  const metric = sweep.metric;
  const notices: string[] = [];
  const distributions = new Map(
    parameters.map((declared) => {
      const { parameter, outside } = widened(
        declared,
        sweep.trials.filter((t) => declared.name in t.params).map((t) => t.params[declared.name]),
      );
      if (outside.length > 0) {
        const held = parameter !== declared;
        notices.push(
          `${declared.name}: ${outside.map((v) => JSON.stringify(v)).join(', ')} outside the sweep file's search space` +
            (held
              ? `; its Optuna distribution is widened to hold them`
              : `; such trials keep it as user attribute sweeptop_params_outside`),
        );
      }
      const accepted = asOptunaAccepts(parameter);
      if (accepted.notice) notices.push(accepted.notice);
      return [declared.name, optunaDistribution(accepted.parameter)];
    }),
  );
  const levels = sweep.config?.budget?.levels ?? null;
  const trials: OptunaTrial[] = [];
  for (const [number, trial] of sweep.trials.entries()) {
    const row = exportRow(trial, levels);
    const params: OptunaTrial['params'] = [];
    const outside: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(trial.params)) {
      const distribution = distributions.get(name);
      const internal = distribution?.internal(value) ?? null;
      if (distribution && internal !== null) params.push({ name, internal, distributionJson: distribution.json });
      else outside[name] = value;
    }
    const objective = decodeNumber(trial.objective);
    let state = OPTUNA_STATE[trial.state];
    if (state === 'COMPLETE' && (objective === undefined || Number.isNaN(objective))) {
      // Optuna holds a trial that returned NaN, or nothing, as failed
      state = 'FAIL';
      notices.push(`trial ${trial.id}: completed without a numeric objective; written as FAIL (sweeptop_state says completed)`);
    }
    const hasValue = (state === 'COMPLETE' || state === 'PRUNED') && objective !== undefined && !Number.isNaN(objective);
    if (state === 'COMPLETE' && objective === Number.POSITIVE_INFINITY) {
      // Optuna 3.1 stores +inf as NULL and ranks by SQL ORDER BY value, where NULL sorts first
      // (ascending) or last (descending): best_trial is then this trial when minimizing and never
      // it when maximizing, unlike -inf, which lands where it belongs either way
      notices.push(
        `trial ${trial.id}: objective inf; Optuna's SQL storage sorts it as a missing value, so Optuna's best_trial does not rank this trial as sweeptop does`,
      );
    }
    trials.push({
      number,
      state,
      start: trial.startedAt,
      complete: state === 'RUNNING' || state === 'WAITING' ? null : trial.endedAt,
      params,
      value: hasValue ? objective! : null,
      intermediate: await objectiveCurve(sweep, trial, metric),
      userAttrs: dropEmpty({
        sweeptop_trial: trial.id,
        sweeptop_state: trial.state,
        command: trial.argv,
        reason: trial.reason,
        stopped_by: trial.stoppedBy,
        exit_code: trial.exitCode,
        signal: trial.signal,
        duration_s: row.duration_s,
        // a failed trial's objective so far: Optuna keeps no value for a FAIL
        objective: hasValue ? null : row.objective,
        objective_source: row.objective_source,
        contexts: row.contexts > 1 ? row.contexts : null,
        runs: row.runs,
        budget: row.budget,
        level: row.level,
        echoed: Object.keys(row.echoed).length > 0 ? row.echoed : null,
        sweeptop_params_outside: Object.keys(outside).length > 0 ? outside : null,
      }),
    });
  }
  return {
    name: sweep.name,
    direction: directionOf(metric.goal),
    userAttrs: {
      sweeptop_version: SWEEPTOP_VERSION,
      sweep: sweep.name,
      sweep_dir: resolve(sweep.dir),
      metric: metric.name,
      goal: metric.goal,
    },
    trials,
    notices,
  };
}

function directionOf(goal: Goal): OptunaStudy['direction'] {
  return goal === 'maximize' ? 'MAXIMIZE' : 'MINIMIZE';
}

/**
 * The objective metric by step, as Optuna's intermediate values; a pruned trial's up to the step it
 * was judged at. A trial made of runs (folds, repeats, budget levels): its objective run by run.
 */
async function objectiveCurve(sweep: StoredSweep, trial: TrialRecord, metric: ObjectiveSpec): Promise<OptunaTrial['intermediate']> {
  if (trial.runs?.length) return runsCurve(trial, metric.combine);
  const curve = await sweep.curve(trial.id, metric.name);
  const cut = trial.prunedAtStep;
  return cut === undefined ? curve : curve.filter((point) => point.step <= cut);
}

function dropEmpty(attrs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(attrs).filter(([, value]) => value !== null && value !== undefined));
}
