/**
 * A key that is equal for two parameter sets exactly when each value matches, used to tell which
 * grid points a sweep's trials (hand-added ones included) have already taken.
 */
import type { ParamValue, Params } from '../../src/plugin-api/space.js';

/** Numbers compare to 15 significant digits, so 0.1 + 0.2 and 0.3 are one value. */
export function valueKey(value: ParamValue | undefined): string {
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? `n${Number(value.toPrecision(15))}` : `n${value}`;
    case 'string':
      return `s${value}`;
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return value === null ? 'null' : 'undefined';
  }
}

/** The key of `params` over `names` (in that order); names missing from params key as undefined. */
export function paramsKey(names: readonly string[], params: Params): string {
  return JSON.stringify(names.map((name) => valueKey(params[name])));
}
