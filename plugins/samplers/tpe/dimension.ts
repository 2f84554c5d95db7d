/**
 * How TPE sees each parameter. Numeric ranges become an interval of the real line — in log units
 * for log ranges, widened by half a step on each side for stepped ranges so that each allowed value
 * owns an equal bucket (as Optuna 3.1 does) — and choices become category indices. Parameters with
 * a single possible value are fixed: there is nothing to learn about them.
 */
import { allows, type ParamValue, type Parameter } from '../../../src/plugin-api/space.js';
import { lastStep, nearestStep, stepCount, steppedRange } from '../steps.js';

export type Dimension =
  /** `step` is the bucket width of a stepped range (in the same units as low/high), else null. */
  { kind: 'numeric'; low: number; high: number; step: number | null } | { kind: 'categorical'; size: number };

export interface ModelledParameter {
  kind: 'modelled';
  name: string;
  dimension: Dimension;
  /** The internal value of `value`, or undefined when the parameter does not allow it. */
  encode(value: ParamValue | undefined): number | undefined;
  /** An internal value (an estimator's sample) → the nearest value the parameter allows. */
  decode(x: number): ParamValue;
}

export interface FixedParameter {
  kind: 'fixed';
  name: string;
  value: ParamValue;
}

export type ParameterModel = ModelledParameter | FixedParameter;

export function modelParameter(parameter: Parameter): ParameterModel {
  const { name } = parameter;
  switch (parameter.kind) {
    case 'const':
      return { kind: 'fixed', name, value: parameter.value };
    case 'choice': {
      const { values } = parameter;
      if (values.length <= 1) return { kind: 'fixed', name, value: values[0] ?? null };
      return {
        kind: 'modelled',
        name,
        dimension: { kind: 'categorical', size: values.length },
        encode: (value) => {
          // biome-ignore lint/complexity/useIndexOf: value may be undefined, which indexOf does not accept
          const index = values.findIndex((v) => v === value);
          return index < 0 ? undefined : index;
        },
        decode: (x) => values[x],
      };
    }
    case 'int':
    case 'float': {
      const range = steppedRange(parameter);
      if (parameter.low === parameter.high || (range && stepCount(range) === 1)) {
        return { kind: 'fixed', name, value: parameter.low };
      }
      const log = parameter.log && parameter.low > 0;
      const encode = (value: ParamValue | undefined): number | undefined =>
        typeof value === 'number' && allows(parameter, value) ? (log ? Math.log(value) : value) : undefined;
      if (range && log && parameter.kind === 'int') {
        // Log-scaled ints: each integer owns the log-width of [v − ½, v + ½].
        return {
          kind: 'modelled',
          name,
          dimension: { kind: 'numeric', low: Math.log(range.low - 0.5), high: Math.log(lastStep(range) + 0.5), step: null },
          encode,
          decode: (x) => nearestStep(range, Math.exp(x)),
        };
      }
      if (range && !log) {
        const half = range.step / 2;
        return {
          kind: 'modelled',
          name,
          dimension: { kind: 'numeric', low: range.low - half, high: lastStep(range) + half, step: range.step },
          encode,
          decode: (x) => nearestStep(range, x),
        };
      }
      const { low, high } = parameter;
      return {
        kind: 'modelled',
        name,
        dimension: log
          ? { kind: 'numeric', low: Math.log(low), high: Math.log(high), step: null }
          : { kind: 'numeric', low, high, step: null },
        encode,
        decode: (x) => {
          const value = Math.min(Math.max(log ? Math.exp(x) : x, low), high);
          // A stepped log float (the config loader refuses them; a plugin's space might not).
          return range ? nearestStep(range, value) : value;
        },
      };
    }
  }
}
