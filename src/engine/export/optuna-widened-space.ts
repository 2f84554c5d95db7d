/**
 * A parameter widened to hold every value its trials had. A hand-added trial may hold a value
 * outside the sweep file's range or choices; Optuna keeps one distribution per parameter and its
 * importances drop a parameter some completed trial lacks, so the distribution grows instead.
 */
import { allows, type Parameter, type ParamValue } from '../../plugin-api/space.js';

/** The parameter as widened, or itself; `outside` lists the values that made it grow, or that nothing could hold. */
export function widened(parameter: Parameter, values: readonly ParamValue[]): { parameter: Parameter; outside: ParamValue[] } {
  const outside = [...new Set(values.filter((value) => !allows(parameter, value)))];
  if (outside.length === 0) return { parameter, outside };
  switch (parameter.kind) {
    case 'choice':
      return { parameter: { ...parameter, values: [...parameter.values, ...outside] }, outside };
    case 'const':
      return { parameter: { kind: 'choice', name: parameter.name, values: [parameter.value, ...outside] }, outside };
    case 'float': {
      const numbers = outside.filter((v): v is number => typeof v === 'number' && Number.isFinite(v) && (!parameter.log || v > 0));
      if (numbers.length < outside.length) return { parameter, outside };
      const low = Math.min(parameter.low, ...numbers);
      const high = Math.max(parameter.high, ...numbers);
      return { parameter: { ...parameter, low, high, step: undefined }, outside };
    }
    case 'int': {
      const integers = outside.filter((v): v is number => typeof v === 'number' && Number.isInteger(v) && (!parameter.log || v > 0));
      if (integers.length < outside.length) return { parameter, outside };
      const low = Math.min(parameter.low, ...integers);
      const high = Math.max(parameter.high, ...integers);
      const onGrid = integers.every((v) => (v - parameter.low) % parameter.step === 0);
      return { parameter: { ...parameter, low, high, step: onGrid ? parameter.step : 1 }, outside };
    }
  }
}
