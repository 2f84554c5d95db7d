/** `parameters:` → the search space. A plain value is a constant; a plain list is a choice. */
import type { Parameter, ParamValue } from '../../plugin-api/space.js';
import { describeValue, Fields, isPlainObject } from './fields.js';
import type { ConfigSource, FieldPath } from './source.js';

const TYPES = ['uniform', 'loguniform', 'float', 'int', 'choice', 'categorical', 'const'] as const;
const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function readParameters(source: ConfigSource, raw: unknown): Parameter[] {
  const fields = Fields.of(source, ['parameters'], raw, 'a mapping of parameter names to ranges');
  const names = Object.keys(fields.values);
  if (names.length === 0) throw source.error(['parameters'], 'expected at least one parameter');
  return names.map((name) => {
    if (!NAME.test(name)) {
      throw source.error(['parameters', name], `parameter names are letters, digits, '_' and '-', starting with a letter`, 'key');
    }
    return readParameter(source, name, fields.values[name]);
  });
}

function readParameter(source: ConfigSource, name: string, raw: unknown): Parameter {
  if (Array.isArray(raw)) return { kind: 'choice', name, values: readChoices(source, ['parameters', name], raw) };
  if (!isPlainObject(raw)) {
    if (raw === null || raw === undefined) throw source.error(['parameters', name], 'expected a value or a range, got nothing');
    return { kind: 'const', name, value: raw as ParamValue };
  }
  const fields = new Fields(source, ['parameters', name], raw);
  const type = fields.require('type', `one of ${TYPES.join(', ')}`);
  if (typeof type !== 'string' || !(TYPES as readonly string[]).includes(type)) {
    throw fields.expected('type', `one of ${TYPES.join(', ')}`);
  }
  switch (type) {
    case 'choice':
    case 'categorical': {
      fields.allowOnly(['type', 'values']);
      const values = fields.require('values', 'a list of values');
      if (!Array.isArray(values)) throw fields.expected('values', 'a list of values');
      return { kind: 'choice', name, values: readChoices(source, fields.at('values'), values) };
    }
    case 'const':
      fields.allowOnly(['type', 'value']);
      return { kind: 'const', name, value: fields.require('value', 'a value') as ParamValue };
    case 'int':
      return readRange(fields, name, 'int', false);
    case 'loguniform':
      return readRange(fields, name, 'float', true);
    default:
      return readRange(fields, name, 'float', undefined);
  }
}

function readRange(fields: Fields, name: string, kind: 'int' | 'float', forcedLog: boolean | undefined): Parameter {
  fields.allowOnly(['type', 'low', 'high', 'step', 'log', 'grid_points']);
  const integer = kind === 'int';
  fields.require('low', integer ? 'an integer' : 'a number');
  fields.require('high', integer ? 'an integer' : 'a number');
  const low = fields.number('low', { integer })!;
  const high = fields.number('high', { integer })!;
  if (forcedLog !== undefined && fields.has('log')) throw fields.error('log', `not needed: the type already says it`);
  const log = forcedLog ?? fields.boolean('log', false);
  if (low >= high) throw fields.error('low', `expected low < high, got low ${low} and high ${high}`);
  if (log && low <= 0) throw fields.error('low', `a log range needs low > 0, got ${low}`);
  const step = fields.number('step', { integer, min: Number.MIN_VALUE });
  if (step !== undefined && log && !integer) throw fields.error('step', 'a log-scaled float range cannot have a step');
  if (step !== undefined && step > high - low) throw fields.error('step', `expected at most high - low (${high - low}), got ${step}`);
  const gridPoints = fields.number('grid_points', { integer: true, min: 2 });
  if (integer) {
    if (gridPoints !== undefined) throw fields.error('grid_points', 'an int range enumerates every value on a grid; use step instead');
    return { kind: 'int', name, low, high, step: step ?? 1, log };
  }
  return { kind: 'float', name, low, high, log, ...(step !== undefined && { step }), ...(gridPoints !== undefined && { gridPoints }) };
}

function readChoices(source: ConfigSource, path: FieldPath, values: unknown[]): ParamValue[] {
  if (values.length === 0) throw source.error(path, 'expected at least one value');
  values.forEach((value, i) => {
    if (isPlainObject(value) || Array.isArray(value)) {
      throw source.error([...path, i], `expected a number, string or boolean, got ${describeValue(value)}`);
    }
  });
  return values as ParamValue[];
}
