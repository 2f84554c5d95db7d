/**
 * A stored sweep as one Optuna study: each trial's state, parameters (with their distributions),
 * objective (each objective's value, in a sweep of several: optuna-trial-values.ts), objective curve
 * and what sweeptop knows besides (user attributes). What Optuna has no
 * place for is kept in user attributes, never dropped: `sweeptop_state` keeps a killed, timed-out
 * or lost trial's own state, which Optuna knows only as FAIL.
 */
import { resolve } from 'node:path';
import type { Goal } from '../../plugin-api/plugin.js';
import type { Parameter } from '../../plugin-api/space.js';
import { UserError } from '../errors.js';
import type { ObjectiveSpec } from '../metrics/objective.js';
import type { StoredSweep } from '../state/load-sweep.js';
import { exportRow } from '../state/export-rows.js';
import type { TrialRecord } from '../state/records.js';
import { SWEEPTOP_VERSION } from '../version.js';
import { asOptunaAccepts, optunaDistribution } from './optuna-distributions.js';
import { runsCurve } from './optuna-run-curve.js';
import { type OptunaTrialState, optunaTrialValues } from './optuna-trial-values.js';
import { widened } from './optuna-widened-space.js';

export interface OptunaStudy {
  name: string;
  /** One per objective, in the sweep's order: a study of several objectives has several. */
  directions: Array<'MINIMIZE' | 'MAXIMIZE'>;
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
  /** One per objective, or null: Optuna keeps no values for this trial. */
  values: number[] | null;
  intermediate: Array<{ step: number; value: number }>;
  userAttrs: Record<string, unknown>;
}

export async function optunaStudy(sweep: StoredSweep): Promise<OptunaStudy> {
  const parameters = sweep.config?.parameters as readonly Parameter[] | undefined;
  if (!sweep.metric || !Array.isArray(parameters)) {
    throw new UserError(
      `${sweep.dir}: the sweep's objective and parameters are not recorded (sweep.json is damaged), so there is no Optuna study to write`,
    );
  }
  const metric = sweep.metric;
  const objectives = sweep.objectives ?? [metric];
  const several = objectives.length > 1;
  const notices: string[] = [];
  if (several) {
    notices.push(
      "intermediate values are not written: Optuna 3.1 allows none in a study of several objectives (each trial's curves stay in the sweep directory)",
    );
  }
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
    const row = exportRow(trial, levels, objectives);
    const params: OptunaTrial['params'] = [];
    const outside: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(trial.params)) {
      const distribution = distributions.get(name);
      const internal = distribution?.internal(value) ?? null;
      if (distribution && internal !== null) params.push({ name, internal, distributionJson: distribution.json });
      else outside[name] = value;
    }
    const { state, values, kept } = optunaTrialValues(trial, row, objectives, notices);
    trials.push({
      number,
      state,
      start: trial.startedAt,
      complete: state === 'RUNNING' || state === 'WAITING' ? null : trial.endedAt,
      params,
      values,
      intermediate: several ? [] : await objectiveCurve(sweep, trial, metric),
      userAttrs: dropEmpty({
        sweeptop_trial: trial.id,
        sweeptop_state: trial.state,
        command: trial.argv,
        reason: trial.reason,
        stopped_by: trial.stoppedBy,
        exit_code: trial.exitCode,
        signal: trial.signal,
        duration_s: row.duration_s,
        // a failed trial's objectives so far: Optuna keeps no value for a FAIL
        ...kept,
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
    directions: objectives.map((objective) => directionOf(objective.goal)),
    userAttrs: {
      sweeptop_version: SWEEPTOP_VERSION,
      sweep: sweep.name,
      sweep_dir: resolve(sweep.dir),
      ...(several ? { objectives: objectives.map(({ name, goal }) => ({ name, goal })) } : { metric: metric.name, goal: metric.goal }),
    },
    trials,
    notices,
  };
}

function directionOf(goal: Goal): OptunaStudy['directions'][number] {
  return goal === 'maximize' ? 'MAXIMIZE' : 'MINIMIZE';
}

/**
 * The objective metric by step, as Optuna's intermediate values; a pruned trial's up to the step it
 * was judged at. A trial made of runs (folds, repeats, budget levels): its objective run by run.
 */
async function objectiveCurve(sweep: StoredSweep, trial: TrialRecord, metric: ObjectiveSpec): Promise<OptunaTrial['intermediate']> {
  if (trial.runs?.length) return runsCurve(trial, metric.combine);
  const curve = await sweep.curve(trial.id, metric.name);
  // only a pruned trial is cut: a trial that exited on its own before its stop keeps its whole curve
  // (sweeps recorded before that rule may carry a prune step on a failed or completed trial)
  const cut = trial.state === 'pruned' ? trial.prunedAtStep : undefined;
  return cut === undefined ? curve : curve.filter((point) => point.step <= cut);
}

function dropEmpty(attrs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(attrs).filter(([, value]) => value !== null && value !== undefined));
}
