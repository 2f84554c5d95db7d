/**
 * `parameters:`, the search space, in all its forms: a range `{type: uniform|loguniform|float|int,
 * low, high, …}`, a choice `{type: choice, values: […]}` or a plain list, a constant
 * `{type: const, value: …}` or a plain value. Each becomes one normalised Parameter.
 */
import { byKind, checked, issueAt, onlyMappings, option, shaped, v } from '../../../plugin-api/schema.js';
import type { Parameter, ParamValue } from '../../../plugin-api/space.js';
import { count, describeValue, expects, fields, flag } from './values.js';

/**
 * A parameter as declared: its `when:` still text (the loader parses and checks it against the
 * parameters above, config/conditions.ts) and its `default:` for a template that names it directly.
 */
export type DeclaredParameter = {
  [K in Parameter['kind']]: Omit<Extract<Parameter, { kind: K }>, 'when'> & Presence;
}[Parameter['kind']];

export interface Presence {
  when?: string;
  default?: ParamValue;
}

/** A DeclaredParameter before it is given its name (the key it is written under). */
type Form = DistributiveOmit<DeclaredParameter, 'name'>;
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

const TYPES = ['uniform', 'loguniform', 'float', 'int', 'choice', 'categorical', 'const'] as const;
const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

const valueMessage = expects('a number, string or boolean');
const value = v.union([v.number(valueMessage), v.string(valueMessage), v.boolean(valueMessage)], valueMessage);
const choiceValues = shaped(
  v.pipe(v.array(v.nullable(value), expects('a list of values')), v.minLength(1, 'expected at least one value')),
  'a non-empty list of numbers, strings or booleans',
);

/** `when:` and `default:`, which every mapping form takes. */
const presence = {
  when: option(
    checked('a condition such as "optimizer == \'sgd\'"', (message) => v.pipe(v.string(message), v.minLength(1, message)), describeValue),
    {
      unset: 'always present',
      description:
        'present only when this holds for the parameters declared above (==, !=, <, <=, >, >=, in [...], and, or, not); absent otherwise',
    },
  ),
  default: option(shaped(value, 'a number, string or boolean'), {
    unset: 'none',
    description: 'the value a command placeholder naming this parameter gets while it is absent (only with when)',
  }),
};

/** The form's own fields and its presence, both carried to the normalised form. */
function withPresence(form: Form, given: { when?: string; default?: ParamValue }): Form {
  return { ...form, ...(given.when !== undefined && { when: given.when }), ...(given.default !== undefined && { default: given.default }) };
}

const NOT_NEEDED = 'not needed: the type already says it';
const GRID_POINTS_INT = 'an int range enumerates every value on a grid; use step instead';

function bound(kind: 'float' | 'int') {
  const what = kind === 'int' ? 'an integer' : 'a number';
  const message = expects(what);
  const number = v.pipe(v.number(message), v.finite(message));
  return { what, schema: shaped(kind === 'int' ? v.pipe(number, v.integer(message)) : number, what) };
}

/** A range; `typeSaysLog` for `loguniform`, whose type is its `log: true`. */
function range<T extends string>(type: T, kind: 'float' | 'int', typeSaysLog = false) {
  const { what, schema } = bound(kind);
  const step = kind === 'int' ? count(1) : positiveNumber();
  const entries = {
    type: v.literal(type),
    low: option(schema, { missing: what, description: 'the lowest value' }),
    high: option(schema, { missing: what, description: kind === 'int' ? 'the highest value, included' : 'the highest value' }),
    step:
      kind === 'int'
        ? option(step, { default: 1, description: 'distance between allowed values, counted from low' })
        : option(step, { unset: 'none (any value)', description: 'quantise to low + k·step (not with a log range)' }),
    log: typeSaysLog
      ? refused(NOT_NEEDED)
      : option(flag(), { default: false, description: 'sample uniformly in log space (needs low > 0)' }),
    grid_points:
      kind === 'int'
        ? refused(GRID_POINTS_INT)
        : option(count(2), {
            unset: 'none (needed by the grid sampler)',
            description: 'evenly spaced points (log-spaced for a log range) for the grid sampler',
          }),
    ...presence,
  };
  return v.pipe(
    fields(entries, 'a range'),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const r = dataset.value as { low: number; high: number; step?: number; log?: boolean };
      const log = typeSaysLog || r.log === true;
      if (r.low >= r.high) addIssue({ message: `expected low < high, got low ${r.low} and high ${r.high}`, ...issueAt(r, 'low') });
      else if (log && r.low <= 0) addIssue({ message: `a log range needs low > 0, got ${r.low}`, ...issueAt(r, 'low') });
      else if (r.step !== undefined && log && kind === 'float')
        addIssue({ message: 'a log-scaled float range cannot have a step', ...issueAt(r, 'step') });
      else if (r.step !== undefined && r.step > r.high - r.low) {
        addIssue({ message: `expected at most high - low (${r.high - r.low}), got ${r.step}`, ...issueAt(r, 'step') });
      }
    }),
    v.transform((r): Form => {
      const log = typeSaysLog || r.log === true;
      if (kind === 'int') return withPresence({ kind: 'int', low: r.low, high: r.high, step: r.step ?? 1, log }, r);
      const gridPoints = r.grid_points as number | undefined;
      const form: Form = {
        kind: 'float',
        low: r.low,
        high: r.high,
        log,
        ...(r.step !== undefined && { step: r.step }),
        ...(gridPoints !== undefined && { gridPoints }),
      };
      return withPresence(form, r);
    }),
  );
}

/** A key a form does not take, with the reason; the reference leaves it out. */
function refused(message: string) {
  return v.pipe(v.optional(v.never(message)), v.metadata({ refused: true }));
}

function positiveNumber() {
  return checked('a number > 0', (message) => v.pipe(v.number(message), v.finite(message), v.gtValue(0, message)), describeValue);
}

const choice = v.pipe(
  fields(
    {
      type: v.picklist(['choice', 'categorical']),
      values: option(choiceValues, { missing: 'a list of values', description: 'the values to choose from' }),
      ...presence,
    },
    'a choice',
  ),
  v.transform((c): Form => withPresence({ kind: 'choice', values: c.values }, c)),
);

// Any value a YAML scalar, list or mapping can hold: it reaches the command as written by String().
const constant = v.pipe(
  fields(
    {
      type: v.literal('const'),
      value: option(shaped(v.unknown(), 'any value'), { missing: 'a value', description: 'the value every trial gets' }),
      ...presence,
    },
    'a constant',
  ),
  v.transform((c): Form => withPresence({ kind: 'const', value: c.value as ParamValue }, c)),
);

const typeMessage = (issue: v.BaseIssue<unknown>) =>
  issue.input === undefined
    ? `missing: expected one of ${TYPES.join(', ')}`
    : `expected one of ${TYPES.join(', ')}, got ${describeValue(issue.input)}`;

/** The forms written as a mapping, told apart by `type`. */
export const PARAMETER_TYPES = v.variant(
  'type',
  [range('uniform', 'float'), range('loguniform', 'float', true), range('float', 'float'), range('int', 'int'), choice, constant],
  typeMessage,
);

/** One parameter, in any of its forms; the reference lists them from here. */
export const parameter = byKind(
  {
    mapping: onlyMappings(PARAMETER_TYPES, expects('a range'), { blankIsAbsent: true }),
    list: v.pipe(
      choiceValues,
      v.metadata({ description: 'a plain list, as `batch_size: [32, 64, 128]`: one of these values' }),
      v.transform((values): Form => ({ kind: 'choice', values })),
    ),
    scalar: v.pipe(
      value,
      v.metadata({ description: 'a plain value, as `epochs: 20`: a constant' }),
      v.transform((c): Form => ({ kind: 'const', value: c })),
    ),
  },
  expects('a value or a range'),
);

const parameterName = v.pipe(v.string(), v.regex(NAME, "parameter names are letters, digits, '_' and '-', starting with a letter"));

export const parameters = v.pipe(
  onlyMappings(v.record(parameterName, parameter), expects('a mapping of parameter names to ranges')),
  v.minEntries(1, 'expected at least one parameter'),
  v.metadata({ shape: 'a mapping of parameter names to ranges, choices or constants' }),
  v.transform((byName) =>
    Object.entries(byName).map(([name, form]) => Object.assign({ kind: form.kind, name }, form) as DeclaredParameter),
  ),
);
