/**
 * The allowed values of a stepped range — every int range, and float ranges with `step`:
 * low, low + step, low + 2·step, … up to high. Shared by every sampler so that they all agree on
 * what "on the grid" means.
 */
import type { FloatParameter, IntParameter } from '../../src/plugin-api/space.js';

export interface SteppedRange {
  low: number;
  high: number;
  step: number;
}

/** The stepped range of a parameter, or null for a continuous float. */
export function steppedRange(parameter: IntParameter | FloatParameter): SteppedRange | null {
  if (parameter.step === undefined) return null;
  return { low: parameter.low, high: parameter.high, step: parameter.step };
}

/** How many values the range allows. The tolerance keeps 0.3 / 0.1 = 2.9999999999999996 at 4 values. */
export function stepCount(range: SteppedRange): number {
  return Math.floor((range.high - range.low) / range.step + 1e-9) + 1;
}

/**
 * The k-th allowed value, rounded to the decimals of low and step, so that the command line reads
 * lr=0.3 and not lr=0.30000000000000004 — and so that the value never creeps past high.
 */
export function stepValue(range: SteppedRange, k: number): number {
  const raw = range.low + k * range.step;
  const digits = stepDigits(range);
  const clean = digits <= 20 ? Number(raw.toFixed(digits)) : raw;
  return Math.min(Math.max(clean, range.low), range.high);
}

/** The allowed value nearest to `value` (values outside the range go to its ends). */
export function nearestStep(range: SteppedRange, value: number): number {
  const k = Math.round((value - range.low) / range.step);
  return stepValue(range, Math.min(Math.max(k, 0), stepCount(range) - 1));
}

/** The largest allowed value, which is `high` only when high - low is a multiple of step. */
export function lastStep(range: SteppedRange): number {
  return stepValue(range, stepCount(range) - 1);
}

const digitsByRange = new WeakMap<SteppedRange, number>();

/** Decimals of low and step, remembered per range: grids and TPE ask for thousands of values. */
function stepDigits(range: SteppedRange): number {
  let digits = digitsByRange.get(range);
  if (digits === undefined) digitsByRange.set(range, (digits = Math.max(decimals(range.low), decimals(range.step))));
  return digits;
}

/** Decimal places in the shortest representation of x (1e-7 → 7, 0.25 → 2, 3 → 0). */
function decimals(x: number): number {
  const [mantissa, exponent = '0'] = String(x).toLowerCase().split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent));
}
