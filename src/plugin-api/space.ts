import type { Condition } from './condition.js';

/** A value a trial receives for one hyperparameter. */
export type ParamValue = number | string | boolean | null;

/** The values of one trial, by parameter name, in the order the sweep file declares them. */
export type Params = Record<string, ParamValue>;

/**
 * One dimension of the search space, normalised from the sweep file.
 * Ranges are inclusive of `low` and, for `int`, of `high`.
 */
export type Parameter = FloatParameter | IntParameter | ChoiceParameter | ConstParameter;

/** What every kind of parameter may carry besides its values. */
interface ParameterBase {
  name: string;
  /** Present only when this holds for the values chosen above it (`when:`); absent otherwise. */
  when?: Condition;
}

export interface FloatParameter extends ParameterBase {
  kind: 'float';
  low: number;
  high: number;
  /** Sample uniformly in log space (`loguniform`, or `log: true`). */
  log: boolean;
  /** Optional quantisation step (not with `log`). */
  step?: number;
  /** Number of evenly spaced (log-spaced when `log`) points when the sampler is `grid`. */
  gridPoints?: number;
}

export interface IntParameter extends ParameterBase {
  kind: 'int';
  low: number;
  high: number;
  /** Distance between allowed values, counted from `low`; 1 by default. */
  step: number;
  log: boolean;
}

export interface ChoiceParameter extends ParameterBase {
  kind: 'choice';
  values: ParamValue[];
}

export interface ConstParameter extends ParameterBase {
  kind: 'const';
  value: ParamValue;
}

/** The whole search space: parameters in declaration order. */
export type SearchSpace = readonly Parameter[];

/** The parameters a sampler must choose values for (everything but constants). */
export function tunable(space: SearchSpace): Exclude<Parameter, ConstParameter>[] {
  return space.filter((p): p is Exclude<Parameter, ConstParameter> => p.kind !== 'const');
}

/** True when `value` is a value `parameter` allows (used by tests and by hand-added trials). */
export function allows(parameter: Parameter, value: ParamValue): boolean {
  switch (parameter.kind) {
    case 'const':
      return value === parameter.value;
    case 'choice':
      return parameter.values.some((v) => v === value);
    case 'int': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return false;
      if (value < parameter.low || value > parameter.high) return false;
      return (value - parameter.low) % parameter.step === 0;
    }
    case 'float':
      return typeof value === 'number' && Number.isFinite(value) && value >= parameter.low && value <= parameter.high;
  }
}
