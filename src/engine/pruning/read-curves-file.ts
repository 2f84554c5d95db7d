/**
 * Reads a curves file:
 *   {"metric": "val_acc", "goal": "maximize",
 *    "trials": [{"id": "0", "params": {...}, "values": {"0": 0.41, "1": 0.55}}, ...]}
 * `values` keys are integer steps; values are numbers or "nan", "inf", "-inf". A trial may give
 * `"state"` (a trial state; default "completed") when its curve was cut short, e.g. "failed".
 */
import { readFile } from 'node:fs/promises';
import { decodeNumber } from '../../plugin-api/json-number.js';
import { isTrialState, type TrialState } from '../../plugin-api/trial-state.js';
import type { ReplayCurve } from './replay.js';
import { isGoal, isRecord, sourceError, type ReplaySource } from './replay-source.js';

export async function readCurvesFile(file: string): Promise<ReplaySource> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const detail = error instanceof SyntaxError ? `not valid JSON (${error.message})` : 'cannot be read';
    throw sourceError(file, '', detail);
  }
  if (!isRecord(data)) throw sourceError(file, '', 'expected a JSON object with "trials"');
  const { metric, goal, trials } = data;
  if (metric !== undefined && (typeof metric !== 'string' || metric === '')) {
    throw sourceError(file, 'metric', `expected a metric name, got ${JSON.stringify(metric)}`);
  }
  if (goal !== undefined && !isGoal(goal)) {
    throw sourceError(file, 'goal', `expected "minimize" or "maximize", got ${JSON.stringify(goal)}`);
  }
  if (!Array.isArray(trials)) throw sourceError(file, 'trials', 'expected an array of trials');

  const seen = new Set<string>();
  const curves = trials.map((trial, index) => {
    const curve = readTrial(file, `trials[${index}]`, trial);
    if (seen.has(curve.id)) throw sourceError(file, `trials[${index}].id`, `duplicate id "${curve.id}"`);
    seen.add(curve.id);
    return curve;
  });
  return { metric, goal, curves, skipped: [] };
}

function readTrial(file: string, field: string, trial: unknown): ReplayCurve {
  if (!isRecord(trial)) throw sourceError(file, field, 'expected an object with "id" and "values"');
  const { id, values, state } = trial;
  if (!(typeof id === 'string' && id !== '') && !(typeof id === 'number' && Number.isFinite(id))) {
    throw sourceError(file, `${field}.id`, `expected a string, got ${JSON.stringify(id)}`);
  }
  if (!isRecord(values)) throw sourceError(file, `${field}.values`, 'expected an object of step: value');
  let endState: TrialState = 'completed';
  if (state !== undefined) {
    if (!isTrialState(state)) throw sourceError(file, `${field}.state`, `expected a trial state, got ${JSON.stringify(state)}`);
    endState = state;
  }
  const points = Object.entries(values).map(([key, raw]) => {
    if (!/^-?\d+$/.test(key)) {
      throw sourceError(file, `${field}.values`, `expected integer steps as keys, got "${key}"`);
    }
    const value = decodeNumber(raw);
    if (value === undefined) {
      throw sourceError(file, `${field}.values["${key}"]`, `expected a number, "nan", "inf" or "-inf", got ${JSON.stringify(raw)}`);
    }
    return { step: Number(key), value };
  });
  points.sort((a, b) => a.step - b.step);
  return { id: String(id), points, endState };
}
