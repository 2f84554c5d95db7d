/**
 * A point of the unit interval turned into a value of one parameter, the mapping random and Sobol
 * share: floats uniform (in log space when `log`), stepped ranges and choices uniform over their
 * allowed values, log-scaled ints in log space rounded to an allowed value.
 */
import { parameterIsActive } from '../../src/plugin-api/condition.js';
import type { ParamValue, Parameter, SearchSpace } from '../../src/plugin-api/space.js';
import { lastStep, nearestStep, stepCount, stepValue, steppedRange } from './steps.js';

type Tunable = Exclude<Parameter, { kind: 'const' }>;

/** `u` in [0, 1) → a value `parameter` allows. */
export function valueFromUnit(parameter: Tunable, u: number): ParamValue {
  switch (parameter.kind) {
    case 'choice':
      return parameter.values[binOf(u, parameter.values.length)];
    case 'int':
      return parameter.log ? logStepped(parameter, u) : uniformStepped(parameter, u);
    case 'float': {
      const range = steppedRange(parameter);
      if (parameter.log) {
        const value = clamp(Math.exp(lerp(Math.log(parameter.low), Math.log(parameter.high), u)), parameter.low, parameter.high);
        return range ? nearestStep(range, value) : value;
      }
      if (range) return stepValue(range, binOf(u, stepCount(range)));
      return clamp(lerp(parameter.low, parameter.high, u), parameter.low, parameter.high);
    }
  }
}

/**
 * Every active parameter of `space`, constants included, in declaration order; `unit` supplies
 * each u from the parameter's dimension (its place among the tunable ones). An inactive parameter
 * is left out and `unit` is not asked for it, but it keeps its dimension: the parameters after it
 * get the same dimensions whichever branch a trial takes.
 */
export function paramsFromUnits(space: SearchSpace, unit: (index: number) => number): Record<string, ParamValue> {
  const params: Record<string, ParamValue> = {};
  let dimension = 0;
  for (const parameter of space) {
    const own = parameter.kind === 'const' ? -1 : dimension++;
    if (!parameterIsActive(parameter, params)) continue;
    params[parameter.name] = parameter.kind === 'const' ? parameter.value : valueFromUnit(parameter, unit(own));
  }
  return params;
}

function uniformStepped(parameter: { low: number; high: number; step: number }, u: number): number {
  return stepValue(parameter, binOf(u, stepCount(parameter)));
}

/** Each int gets the log-width of [v − ½, v + ½], as Optuna's random sampler gives it. */
function logStepped(parameter: { low: number; high: number; step: number }, u: number): number {
  const low = Math.log(parameter.low - 0.5);
  const high = Math.log(lastStep(parameter) + 0.5);
  return nearestStep(parameter, Math.exp(lerp(low, high, u)));
}

function binOf(u: number, count: number): number {
  return Math.min(count - 1, Math.floor(u * count));
}

function lerp(low: number, high: number, u: number): number {
  return low + (high - low) * u;
}

function clamp(x: number, low: number, high: number): number {
  return Math.min(Math.max(x, low), high);
}
