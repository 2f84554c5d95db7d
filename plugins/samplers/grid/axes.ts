/**
 * One axis of the grid per parameter: how many values it has, the i-th one, and the index of a
 * given value. Ranges are arithmetic rather than listed, so an int range of a million values costs
 * nothing until a point is asked for.
 */
import type { FloatParameter, ParamValue, Parameter } from '../../../src/plugin-api/space.js';
import { PluginOptionError } from '../../../src/plugin-api/errors.js';
import { valueKey } from '../params-key.js';
import { nearestStep, stepCount, stepValue, steppedRange, type SteppedRange } from '../steps.js';

export interface GridAxis {
  size: number;
  valueAt(index: number): ParamValue;
  /** The index of `value` on this axis, or -1 when it is not one of its values. */
  indexOf(value: ParamValue | undefined): number;
}

/**
 * Constants and choices as given (duplicates once), every allowed value of a stepped range, and
 * grid_points values of a float range (log-spaced when `log`).
 */
export function gridAxis(parameter: Parameter): GridAxis {
  switch (parameter.kind) {
    case 'const':
      return listAxis([parameter.value]);
    case 'choice':
      return listAxis(parameter.values);
    case 'int':
      return steppedAxis(parameter);
    case 'float':
      return floatAxis(parameter);
  }
}

function floatAxis(parameter: FloatParameter): GridAxis {
  const range = steppedRange(parameter);
  if (parameter.gridPoints === undefined) {
    if (range) return steppedAxis(range);
    if (parameter.low === parameter.high) return listAxis([parameter.low]);
    throw new PluginOptionError(`parameters.${parameter.name}`, 'the grid sampler needs grid_points for a float range');
  }
  const spaced = spacedAxis(parameter, parameter.gridPoints);
  if (!range) return spaced;
  // A stepped range can only hold values on its step, so each spaced point moves to its nearest one.
  return listAxis(Array.from({ length: spaced.size }, (_, i) => nearestStep(range, spaced.valueAt(i) as number)));
}

function listAxis(values: readonly ParamValue[]): GridAxis {
  const indexByKey = new Map<string, number>();
  const distinct: ParamValue[] = [];
  for (const value of values) {
    const key = valueKey(value);
    if (indexByKey.has(key)) continue;
    indexByKey.set(key, distinct.length);
    distinct.push(value);
  }
  return {
    size: distinct.length,
    valueAt: (i) => distinct[i],
    indexOf: (value) => indexByKey.get(valueKey(value)) ?? -1,
  };
}

function steppedAxis(range: SteppedRange): GridAxis {
  const size = stepCount(range);
  return {
    size,
    valueAt: (i) => stepValue(range, i),
    indexOf: (value) => {
      if (typeof value !== 'number') return -1;
      const i = Math.round((value - range.low) / range.step);
      return i >= 0 && i < size && valueKey(stepValue(range, i)) === valueKey(value) ? i : -1;
    },
  };
}

/** Evenly spaced from low to high inclusive (in log space when `log`), both ends exact. */
function spacedAxis(parameter: FloatParameter, points: number): GridAxis {
  const { low, high } = parameter;
  const to = parameter.log ? Math.log : (x: number) => x;
  const from = parameter.log ? Math.exp : (x: number) => x;
  const [a, b] = [to(low), to(high)];
  const valueAt = (i: number): number => {
    if (i === 0) return low;
    if (i === points - 1) return high;
    // 15 significant digits: linspace(0, 1, 11) gives 0.3, which is what a person would type.
    const value = Number(from(a + ((b - a) * i) / (points - 1)).toPrecision(15));
    return Math.min(Math.max(value, low), high);
  };
  return {
    size: points,
    valueAt,
    indexOf: (value) => {
      if (typeof value !== 'number' || !(value >= low && value <= high)) return -1;
      const i = points === 1 ? 0 : Math.round(((to(value) - a) / (b - a)) * (points - 1));
      return valueKey(valueAt(i)) === valueKey(value) ? i : -1;
    },
  };
}
