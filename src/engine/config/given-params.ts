/**
 * A configuration a person gives rather than the sampler suggests — `ctl add`, a row of an
 * `enqueue:` file, `rerun`, the TUI's new trial, a warm start's earlier trials, resume — checked against the search space once, here, for all three. The
 * space is walked in declaration order, so a parameter's `when:` condition is judged on the values
 * above it, as a sampler's suggestion is: an active parameter must have a value the space allows,
 * an inactive one must be left out (a value for it would reach no command line, and the trial
 * would not be the configuration its author thinks it is).
 */
import { parameterIsActive } from '../../plugin-api/condition.js';
import type { Parameter, ParamValue, Params, SearchSpace } from '../../plugin-api/space.js';
import { allows } from '../../plugin-api/space.js';
import { conditionText } from './condition-text.js';
import { didYouMean } from './nearest.js';

/** What is wrong with a given configuration: the parameter it is about, and one line saying what is expected. */
export interface GivenParamsProblem {
  parameter: string;
  /** `missing`: no value where one is needed; the others are about a value (or key) that is there. */
  kind: 'missing' | 'outside' | 'inactive' | 'unknown';
  detail: string;
}

export type GivenParamsCheck = { params: Params } | { problem: GivenParamsProblem };

/** The trial's parameters in declaration order (a constant left out takes its value), or the first problem. */
export function checkGivenParams(space: SearchSpace, given: Params): GivenParamsCheck {
  // a misspelt name first: the parameter it was meant for would otherwise be reported missing
  const names = space.map((p) => p.name);
  const unknown = Object.keys(given).find((name) => !names.includes(name));
  if (unknown !== undefined)
    return { problem: { parameter: unknown, kind: 'unknown', detail: `${unknown}: no such parameter${didYouMean(unknown, names)}` } };
  const params: Params = {};
  for (const parameter of space) {
    const { name } = parameter;
    const isGiven = Object.hasOwn(given, name);
    if (!parameterIsActive(parameter, params)) {
      if (isGiven) {
        const detail = `${name}: given, but absent for these values (it needs ${conditionText(parameter.when!)}); leave it out`;
        return { problem: { parameter: name, kind: 'inactive', detail } };
      }
      continue;
    }
    const value = isGiven ? given[name] : parameter.kind === 'const' ? parameter.value : undefined;
    if (value === undefined) {
      const why = parameter.when ? ` (present because ${conditionText(parameter.when)})` : '';
      return { problem: { parameter: name, kind: 'missing', detail: `${name}: missing${why}; expected ${expected(parameter)}` } };
    }
    if (!allows(parameter, value)) {
      const detail = `${name}: ${show(value)} is outside the search space; expected ${expected(parameter)}`;
      return { problem: { parameter: name, kind: 'outside', detail } };
    }
    params[name] = value;
  }
  return { params };
}

/** What `parameter` accepts, in words: "a number from 0.0001 to 0.1", "one of sgd, adam". */
export function expected(parameter: Parameter): string {
  switch (parameter.kind) {
    case 'float':
      return `a number from ${parameter.low} to ${parameter.high}`;
    case 'int':
      return `an integer from ${parameter.low} to ${parameter.high}${parameter.step === 1 ? '' : ` in steps of ${parameter.step} from ${parameter.low}`}`;
    case 'choice':
      return `one of ${parameter.values.map(show).join(', ')}`;
    case 'const':
      return `${show(parameter.value)} (a constant)`;
  }
}

/** A value as the user would write it: strings that could be read as another type are quoted. */
function show(value: ParamValue): string {
  if (typeof value !== 'string') return String(value);
  return value === '' || /^(true|false|null|~|[-+.\d].*)$/i.test(value) ? JSON.stringify(value) : value;
}
