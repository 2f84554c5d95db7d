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

/**
 * The parameter as Optuna 3.1 accepts it, and a line saying what changed. Its IntDistribution
 * refuses `log` with a step other than 1 (the study would not load): such a range is written with
 * step 1, which holds every value the sweep could have drawn (low + k·step are integers in range),
 * at the cost of the step, which Optuna then does not know.
 */
export function asOptunaAccepts(parameter: Parameter): { parameter: Parameter; notice: string | null } {
  if (parameter.kind !== 'int' || !parameter.log || parameter.step === 1) return { parameter, notice: null };
  return {
    parameter: { ...parameter, step: 1 },
    notice:
      `${parameter.name}: a log-scaled int with step ${parameter.step}, which Optuna's IntDistribution does not accept (log needs step 1); ` +
      'written with step 1, so an Optuna sampler on this study may suggest values between the steps',
  };
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
