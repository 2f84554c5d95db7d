/** Number and parameter formatting shared by the headless commands. */
import { decodeNumber, type JsonNumber } from '../plugin-api/json-number.js';
import type { Params } from '../plugin-api/space.js';

/** Up to 4 significant digits, scientific for very small or large values; '-' for none. */
export function formatMetric(value: number | JsonNumber | null | undefined): string {
  const n = typeof value === 'number' ? value : value === null || value === undefined ? undefined : decodeNumber(value);
  if (n === undefined) return '-';
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (n !== 0 && (Math.abs(n) < 1e-3 || Math.abs(n) >= 1e6)) return n.toExponential(2);
  return String(Number(n.toPrecision(4)));
}

export function formatParams(params: Params): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? formatMetric(v) : String(v)}`)
    .join(' ');
}
