/**
 * Reads a curves file:
 *   {"metric": "val_acc", "goal": "maximize",
 *    "trials": [{"id": "0", "params": {...}, "values": {"0": 0.41, "1": 0.55}}, ...]}
 * `values` keys are integer steps; values are numbers or "nan", "inf", "-inf". A trial may give
 * `"state"` (a trial state; default "completed") when its curve was cut short, e.g. "failed".
 * The shape is declared once below (valibot); a bad file gets `file: field: expected …, got …`.
 */
import { readFile } from 'node:fs/promises';
import * as v from 'valibot';
import { decodeNumber } from '../../plugin-api/json-number.js';
import { TRIAL_STATES } from '../../plugin-api/trial-state.js';
import { issuePath, knownFields } from '../schema.js';
import type { ReplayCurve } from './replay.js';
import { isRecord, sourceError, type ReplaySource } from './replay-source.js';

const got = (detail: string) => (issue: v.BaseIssue<unknown>) => `${detail}, got ${JSON.stringify(issue.input)}`;
const record = (message: string) => v.custom<Record<string, unknown>>(isRecord, message);

/** The path of a trial's `values`, or of one of its entries, for the issues they raise. */
function valuesPath(trial: { values: Record<string, unknown> }, key?: string): [v.ObjectPathItem, ...v.ObjectPathItem[]] {
  const values: v.ObjectPathItem = { type: 'object', origin: 'value', input: trial, key: 'values', value: trial.values };
  return key === undefined ? [values] : [values, { type: 'object', origin: 'value', input: trial.values, key, value: trial.values[key] }];
}

const trialId = got('expected a string');
const trial = v.pipe(
  record('expected an object with "id" and "values"'),
  knownFields({
    id: v.union([v.pipe(v.string(trialId), v.nonEmpty(trialId)), v.pipe(v.number(trialId), v.finite(trialId))], trialId),
    values: record('expected an object of step: value'),
    state: v.optional(v.picklist(TRIAL_STATES, got('expected a trial state')), 'completed'),
  }),
  // the steps last, as before the shape was declared; not v.record, which would skip a "__proto__" key
  v.rawTransform(({ dataset: { value: trial }, addIssue, NEVER }) => {
    const points: Array<{ step: number; value: number }> = [];
    for (const [key, raw] of Object.entries(trial.values)) {
      if (!/^-?\d+$/.test(key)) {
        addIssue({ message: `expected integer steps as keys, got "${key}"`, path: valuesPath(trial) });
        return NEVER;
      }
      const value = decodeNumber(raw);
      if (value === undefined) {
        addIssue({ message: `expected a number, "nan", "inf" or "-inf", got ${JSON.stringify(raw)}`, path: valuesPath(trial, key) });
        return NEVER;
      }
      points.push({ step: Number(key), value });
    }
    points.sort((a, b) => a.step - b.step);
    return { id: String(trial.id), points, endState: trial.state } satisfies ReplayCurve;
  }),
);

const metricName = got('expected a metric name');
const CURVES_FILE = v.pipe(
  record('expected a JSON object with "trials"'),
  knownFields({
    metric: v.optional(v.pipe(v.string(metricName), v.nonEmpty(metricName))),
    goal: v.optional(v.picklist(['minimize', 'maximize'], got('expected "minimize" or "maximize"'))),
    trials: v.pipe(v.array(v.unknown(), 'expected an array of trials'), v.rawTransform(uniqueTrials)),
  }),
);

/**
 * Each trial in turn, then whether its id came before: a duplicate is reported before a later
 * trial's problem, as the file reads.
 */
function uniqueTrials({ dataset: { value: items }, addIssue, NEVER }: v.RawTransformContext<unknown[]>): ReplayCurve[] {
  const curves: ReplayCurve[] = [];
  const seen = new Set<string>();
  for (const [index, item] of items.entries()) {
    const at: v.ArrayPathItem = { type: 'array', origin: 'value', input: items, key: index, value: item };
    const parsed = v.safeParse(trial, item, { abortEarly: true });
    if (!parsed.success) {
      addIssue({ message: parsed.issues[0].message, path: [at, ...(parsed.issues[0].path ?? [])] });
      return NEVER;
    }
    if (seen.has(parsed.output.id)) {
      addIssue({
        message: `duplicate id "${parsed.output.id}"`,
        path: [at, { type: 'object', origin: 'value', input: item as Record<string, unknown>, key: 'id', value: parsed.output.id }],
      });
      return NEVER;
    }
    seen.add(parsed.output.id);
    curves.push(parsed.output);
  }
  return curves;
}

export async function readCurvesFile(file: string): Promise<ReplaySource> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const detail = error instanceof SyntaxError ? `not valid JSON (${error.message})` : 'cannot be read';
    throw sourceError(file, '', detail);
  }
  const parsed = v.safeParse(CURVES_FILE, data, { abortEarly: true });
  if (!parsed.success) throw sourceError(file, issuePath(parsed.issues[0]), parsed.issues[0].message);
  const { metric, goal, trials } = parsed.output;
  return { metric, goal, curves: trials, skipped: [] };
}
