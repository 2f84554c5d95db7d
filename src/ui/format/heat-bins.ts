/**
 * How one parameter's values are grouped into the heat map's columns or rows. A choice gets one
 * bin per value, and so does an integer with few values (a bin per value reads better than a
 * range that holds one value); any other number gets equal bins, equal in log space for a
 * parameter sampled in log space (its values spread over decades, and linear bins would crowd all
 * but the largest into the first). Pure.
 */
import type { Parameter, ParamValue } from '../../plugin-api/space.js';
import { fitNumber } from './number.js';

export type HeatBins = { kind: 'values'; values: readonly string[] } | { kind: 'linear' | 'log'; low: number; high: number; count: number };

type Tunable = Exclude<Parameter, { kind: 'const' }>;

/** At most `most` bins for a number (fewer only when a range is a single value); a choice has as many as it has values. */
export function binsFor(parameter: Tunable, seen: readonly ParamValue[], most: number): HeatBins {
  if (parameter.kind === 'choice') {
    const values = parameter.values.map(String);
    // a hand-made trial's value outside the declared ones still gets its column
    for (const v of seen) if (!values.includes(String(v))) values.push(String(v));
    return { kind: 'values', values };
  }
  const numbers = seen.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (parameter.kind === 'int') {
    const declared = Math.floor((parameter.high - parameter.low) / parameter.step) + 1;
    if (declared <= most) {
      const all = new Set<number>(Array.from({ length: declared }, (_, i) => parameter.low + i * parameter.step));
      for (const n of numbers) all.add(n);
      if (all.size <= most) return { kind: 'values', values: [...all].sort((a, b) => a - b).map(String) };
    }
  }
  // a hand-made trial may lie outside the declared range: the bins stretch to hold it
  const log = parameter.log && parameter.low > 0;
  const inRange = log ? numbers.filter((n) => n > 0) : numbers;
  const low = Math.min(parameter.low, ...inRange);
  const high = Math.max(parameter.high, ...inRange);
  return { kind: log ? 'log' : 'linear', low, high, count: low === high ? 1 : Math.max(1, most) };
}

export function binCount(bins: HeatBins): number {
  return bins.kind === 'values' ? bins.values.length : bins.count;
}

/** The bin a value falls in, or null when it has none (a log bin's value ≤ 0, a value of another type). */
export function binOf(bins: HeatBins, value: ParamValue): number | null {
  if (bins.kind === 'values') {
    const i = bins.values.indexOf(String(value));
    return i === -1 ? null : i;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const scale = bins.kind === 'log' ? Math.log10 : (v: number) => v;
  const v = scale(value);
  if (!Number.isFinite(v)) return null;
  const low = scale(bins.low);
  const high = scale(bins.high);
  if (high === low) return 0;
  const i = Math.floor(((v - low) / (high - low)) * bins.count);
  // the top edge belongs to the last bin
  return Math.min(bins.count - 1, Math.max(0, i));
}

/** The `count + 1` boundaries of number bins, lowest first (log bins' are equally spaced in log space). */
export function binEdges(bins: Exclude<HeatBins, { kind: 'values' }>): number[] {
  return Array.from({ length: bins.count + 1 }, (_, i) => {
    const t = i / bins.count;
    if (bins.kind === 'log') return 10 ** (Math.log10(bins.low) + t * (Math.log10(bins.high) - Math.log10(bins.low)));
    return bins.low + t * (bins.high - bins.low);
  });
}

/** A bin named in at most `width` characters: its value, or its range `low…high`. */
export function binLabel(bins: HeatBins, i: number, width: number): string {
  if (bins.kind === 'values') return bins.values[i].slice(0, width);
  const edges = binEdges(bins);
  const side = Math.max(1, Math.floor((width - 1) / 2));
  return `${fitNumber(edges[i], side)}…${fitNumber(edges[i + 1], side)}`;
}
