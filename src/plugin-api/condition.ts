/**
 * A parameter's `when:` condition, parsed once at load time (the engine's config/ parses the text;
 * nothing here ever evaluates source text). A parameter whose condition is false is inactive: it is
 * absent from the trial's params. Samplers ask `parameterIsActive` in declaration order, so a condition only
 * ever sees parameters declared above its own.
 */
import type { ParamValue, Params } from './space.js';

export type Comparison = '==' | '!=' | '<' | '<=' | '>' | '>=';

export type Condition =
  | { op: 'and' | 'or'; left: Condition; right: Condition }
  | { op: 'not'; operand: Condition }
  | { op: 'compare'; comparison: Comparison; name: string; value: ParamValue }
  | { op: 'in'; name: string; values: ParamValue[] };

/** Every parameter name `condition` reads. */
export function conditionNames(condition: Condition): string[] {
  switch (condition.op) {
    case 'and':
    case 'or':
      return [...new Set([...conditionNames(condition.left), ...conditionNames(condition.right)])];
    case 'not':
      return conditionNames(condition.operand);
    case 'compare':
    case 'in':
      return [condition.name];
  }
}

/**
 * True when `condition` holds for `params`. A condition that reads an inactive (absent) parameter
 * is false as a whole — a parameter that depends on an absent one is absent too, whatever the
 * operators (so `not` cannot switch it back on).
 */
export function conditionHolds(condition: Condition, params: Params): boolean {
  if (!conditionNames(condition).every((name) => Object.hasOwn(params, name))) return false;
  return evaluate(condition, params);
}

/** True when a parameter with this `when` (or none) is active given the values chosen above it. */
export function parameterIsActive(parameter: { when?: Condition }, params: Params): boolean {
  return parameter.when === undefined || conditionHolds(parameter.when, params);
}

function evaluate(condition: Condition, params: Params): boolean {
  switch (condition.op) {
    case 'and':
      return evaluate(condition.left, params) && evaluate(condition.right, params);
    case 'or':
      return evaluate(condition.left, params) || evaluate(condition.right, params);
    case 'not':
      return !evaluate(condition.operand, params);
    case 'in':
      return condition.values.some((v) => v === params[condition.name]);
    case 'compare':
      return compare(params[condition.name], condition.comparison, condition.value);
  }
}

function compare(left: ParamValue, comparison: Comparison, right: ParamValue): boolean {
  if (comparison === '==') return left === right;
  if (comparison === '!=') return left !== right;
  // Ordering is defined on numbers only; the loader refuses an ordering against anything else.
  if (typeof left !== 'number' || typeof right !== 'number') return false;
  if (comparison === '<') return left < right;
  if (comparison === '<=') return left <= right;
  if (comparison === '>') return left > right;
  return left >= right;
}
