/**
 * A sweep's parameter as an Optuna distribution: the JSON `distribution_to_json` writes
 * (optuna/distributions.py at v3.1.0), and a value in Optuna's internal representation — the
 * number itself, or a categorical choice's index.
 */
import { allows, type Parameter, type ParamValue } from '../../plugin-api/space.js';

export interface OptunaDistribution {
  json: string;
  /** The value as Optuna stores it; null when the parameter does not allow it. */
  internal(value: ParamValue): number | null;
}

export function optunaDistribution(parameter: Parameter): OptunaDistribution {
  switch (parameter.kind) {
    case 'float':
      return {
        json: distributionJson('FloatDistribution', {
          step: parameter.step ?? null,
          low: parameter.low,
          high: parameter.high,
          log: parameter.log,
        }),
        internal: (value) => (allows(parameter, value) ? (value as number) : null),
      };
    case 'int':
      return {
        json: distributionJson('IntDistribution', { log: parameter.log, step: parameter.step, low: parameter.low, high: parameter.high }),
        internal: (value) => (allows(parameter, value) ? (value as number) : null),
      };
    case 'choice':
      return categorical(parameter.values);
    case 'const':
      // Optuna's own suggest_categorical with one choice makes the same
      return categorical([parameter.value]);
  }
}

function categorical(choices: readonly ParamValue[]): OptunaDistribution {
  return {
    json: distributionJson('CategoricalDistribution', { choices }),
    internal: (value) => {
      const index = choices.indexOf(value);
      return index < 0 ? null : index;
    },
  };
}

function distributionJson(name: string, attributes: Record<string, unknown>): string {
  return JSON.stringify({ name, attributes });
}
