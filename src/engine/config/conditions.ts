/**
 * The declared parameters made into the search space: each `when:` parsed (condition-parser.ts)
 * and checked against the parameters above it (condition-check.ts), each `default:` checked
 * against its parameter. Every problem is a ConfigError pointing into the sweep file — inside the
 * condition's text where it can.
 */
import { allows, type Parameter, type ParamValue } from '../../plugin-api/space.js';
import { checkConditionReferences, valuesTaken } from './condition-check.js';
import { ConditionSyntaxError, parseCondition } from './condition-parser.js';
import type { DeclaredParameter } from './schema/parameters.js';
import type { ConfigSource } from './source.js';

/** A parameter of the sweep file: a Parameter, and the value a placeholder naming it gets while it is absent. */
export type SweepParameter = Parameter & { default?: ParamValue };

export function withConditions(declared: readonly DeclaredParameter[], source: ConfigSource): SweepParameter[] {
  const space: SweepParameter[] = [];
  for (const [index, { when, ...rest }] of declared.entries()) {
    const parameter = rest as SweepParameter;
    if (when !== undefined) {
      const path = ['parameters', parameter.name, 'when'];
      try {
        const parsed = parseCondition(when);
        checkConditionReferences(parsed.references, [...space, parameter, ...(declared.slice(index + 1) as Parameter[])], index);
        parameter.when = parsed.condition;
      } catch (error) {
        if (error instanceof ConditionSyntaxError) throw source.errorWithin(path, error.offset, error.message);
        throw error;
      }
    }
    checkDefault(parameter, source);
    space.push(parameter);
  }
  return space;
}

/**
 * A default is what a placeholder gets while its parameter is absent; on a parameter that is
 * always present it would never be used, and the user would believe it does something.
 */
function checkDefault(parameter: SweepParameter, source: ConfigSource): void {
  if (parameter.default === undefined) return;
  const path = ['parameters', parameter.name, 'default'];
  if (parameter.when === undefined) {
    throw source.error(path, 'a default is used only while the parameter is absent, and without when: it is always present; remove it');
  }
  // a constant's default is the other value it stands for while absent (`tag: deep`, else `shallow`)
  if (parameter.kind !== 'const' && !allows(parameter, parameter.default)) {
    throw source.error(path, `expected a value ${parameter.name} can take (${valuesTaken(parameter)}), got ${String(parameter.default)}`);
  }
}
