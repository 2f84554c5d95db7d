/**
 * A parsed `when:` checked against the parameters: every name is a parameter declared above the
 * one it conditions (so presence is decided in declaration order and no cycle can form), and every
 * comparison can come out both ways for some value of that parameter — a condition that reads a
 * value the parameter never takes (`optimizer == 'sgdd'`) would silently switch a parameter off.
 */
import { allows, type Parameter, type ParamValue } from '../../plugin-api/space.js';
import { ConditionSyntaxError, type ConditionReference } from './condition-parser.js';
import { didYouMean } from './nearest.js';

/** Throws ConditionSyntaxError (with the offset of the name or value at fault) on the first problem. */
export function checkConditionReferences(references: readonly ConditionReference[], space: readonly Parameter[], index: number): void {
  const own = space[index].name;
  const above = space.slice(0, index);
  for (const reference of references) {
    const at = space.findIndex((p) => p.name === reference.name);
    if (at < 0) {
      const names = above.map((p) => p.name);
      const hint = names.length ? didYouMean(reference.name, names).replace(/^; valid:/, '; parameters declared above:') : '';
      throw new ConditionSyntaxError(reference.offset, `no parameter named ${reference.name}${hint}`);
    }
    if (at >= index) {
      const which = at === index ? `${own} itself` : `${reference.name}, declared below ${own}`;
      throw new ConditionSyntaxError(reference.offset, `conditions may only refer to parameters declared above; this one reads ${which}`);
    }
    checkValues(reference, space[at]);
  }
}

function checkValues(reference: ConditionReference, parameter: Parameter): void {
  const { operator } = reference;
  if (operator === '==' || operator === '!=' || operator === 'in') {
    for (const { value, offset } of reference.values) {
      if (!allows(parameter, value)) {
        throw new ConditionSyntaxError(offset, `${parameter.name} is never ${show(value)}: ${valuesTaken(parameter)}`);
      }
    }
    return;
  }
  const [{ value, offset }] = reference.values;
  const numbers = numericValues(parameter);
  if (numbers === null) {
    throw new ConditionSyntaxError(reference.offset, `${operator} orders numbers, and ${valuesTaken(parameter)}; use == or in [...]`);
  }
  if (typeof value !== 'number') {
    throw new ConditionSyntaxError(offset, `${operator} compares ${parameter.name} with a number, got ${show(value)}`);
  }
  const holds = (x: number) => orders(x, operator, value);
  if (!numbers.some(holds))
    throw new ConditionSyntaxError(offset, `${parameter.name} ${operator} ${value} never holds: ${valuesTaken(parameter)}`);
}

/** The extremes (and, for a short list, every value) a numeric parameter takes; null when it is not numeric. */
function numericValues(parameter: Parameter): number[] | null {
  switch (parameter.kind) {
    case 'int':
    case 'float':
      return [parameter.low, parameter.high];
    case 'choice':
      return parameter.values.every((v) => typeof v === 'number') ? (parameter.values as number[]) : null;
    case 'const':
      return typeof parameter.value === 'number' ? [parameter.value] : null;
  }
}

function orders(left: number, operator: '<' | '<=' | '>' | '>=', right: number): boolean {
  if (operator === '<') return left < right;
  if (operator === '<=') return left <= right;
  if (operator === '>') return left > right;
  return left >= right;
}

/** What values the parameter takes, for a message. */
export function valuesTaken(parameter: Parameter): string {
  switch (parameter.kind) {
    case 'choice':
      return `its values are ${parameter.values.map(show).join(', ')}`;
    case 'const':
      return `it is the constant ${show(parameter.value)}`;
    case 'int':
      return `it is an integer from ${parameter.low} to ${parameter.high}${parameter.step !== 1 ? ` in steps of ${parameter.step}` : ''}`;
    case 'float':
      return `it is a number from ${parameter.low} to ${parameter.high}`;
  }
}

function show(value: ParamValue): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}
