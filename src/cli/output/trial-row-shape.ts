/**
 * The pieces several `--json` outputs share (shapes.ts): numbers as JSON writes them, parameter
 * values, trial states, and the trial row that `status`, `best`, `analyze` and `export` all list.
 */
import * as v from 'valibot';
import { TRIAL_STATES } from '../../plugin-api/trial-state.js';

export const about = <S extends v.GenericSchema>(schema: S, description: string) => v.pipe(schema, v.description(description));
export const integer = v.pipe(v.number(), v.integer());
/** NaN and the infinities are the strings "nan", "inf" and "-inf" in every JSON output. */
export const jsonNumber = v.union([v.number(), v.picklist(['nan', 'inf', '-inf'])]);
export const paramValue = v.union([v.number(), v.string(), v.boolean(), v.null()]);
export const trialState = v.pipe(v.picklist(TRIAL_STATES), v.title('trial state'));

/** One run of a trial (a fold, a repeat, or both), as `status` lists it and `export --runs` gives it. */
export const RUN_ROW = {
  index: about(integer, 'its index in the trial: fold + folds × repeat'),
  key: about(v.string(), "its context in the trial's objective: fold 2, repeat 1, fold 2 repeat 1"),
  state: about(trialState, 'its state'),
  objective: about(v.nullable(jsonNumber), 'its own result, which the trial combines'),
  exit_code: about(v.nullable(integer), 'its exit code'),
  duration_s: about(v.nullable(v.number()), 'seconds it ran'),
  reason: about(v.nullable(v.string()), 'why it ended so'),
};

/** One trial, as `export`, `status` and `best` give it. */
export const TRIAL_ROW = {
  id: about(integer, "the trial's id"),
  state: about(trialState, 'its state'),
  params: about(v.record(v.string(), paramValue), 'the parameter values it ran with'),
  objective: about(
    v.nullable(jsonNumber),
    "the objective (the metric the sweep optimises): each fold's last (or best) value, combined (mean or median); a plain script's last value",
  ),
  best: about(v.nullable(jsonNumber), 'its best single value of the objective'),
  steps: about(integer, 'how many times it reported the objective'),
  spread: about(v.nullable(jsonNumber), "the standard deviation of its folds' results, with two folds or more"),
  objective_source: about(
    v.nullable(v.string()),
    'the summary the objective was taken from (mean/accuracy) when the script never printed the metric itself',
  ),
  echoed: about(v.record(v.string(), paramValue), 'configuration it echoed and values it printed once before training: not metrics'),
  exit_code: about(v.nullable(integer), "its process's exit code"),
  signal: about(v.nullable(v.string()), 'the signal that ended its process'),
  duration_s: about(v.nullable(v.number()), 'seconds it ran'),
  reason: about(v.nullable(v.string()), 'why it ended so: pruned, failed, killed, timed out, lost'),
  silent_since: about(
    v.nullable(v.number()),
    'while it runs and has printed nothing for longer than max(60 s, 5 × its median gap): unix ms of its last output',
  ),
  eta_s: about(
    v.nullable(v.number()),
    'while it runs: seconds still to go from its pace, when its output gives a total (Epoch 3/20) or it has an epochs parameter',
  ),
  contexts: about(integer, 'how many folds, repeats or contexts its objective combines (0 before any report)'),
  runs: v.optional(
    about(
      v.array(v.pipe(v.strictObject(RUN_ROW), v.title('run row'))),
      'with folds or repeats: its runs in index order (folds of repeat 0 first), each its own process',
    ),
  ),
  budget: about(v.optional(v.number()), "a budget sweep: the budget of the level it reached (its latest run's)"),
  level: about(v.optional(v.string()), 'a budget sweep: that level of all, as `2/3`'),
  objectives: about(
    v.optional(v.record(v.string(), v.nullable(jsonNumber))),
    'a sweep of several objectives: each objective by name, as `objective` is for the first (null: not reported)',
  ),
};
export const trialRow = v.pipe(v.strictObject(TRIAL_ROW), v.title('trial row'));
