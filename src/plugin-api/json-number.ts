/**
 * JSON has no NaN or infinity. Everywhere sweeptop writes JSON (metrics.jsonl, result.json,
 * export, `metrics --json`, the control socket) those values travel as the strings
 * "nan", "inf" and "-inf", and are read back into numbers.
 */
export type JsonNumber = number | 'nan' | 'inf' | '-inf';

export function encodeNumber(value: number): JsonNumber {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return value;
}

export function encodeNullableNumber(value: number | null | undefined): JsonNumber | null {
  return value === null || value === undefined ? null : encodeNumber(value);
}

/** Reads a number written by encodeNumber; anything else becomes undefined. */
export function decodeNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value === 'nan') return NaN;
  if (value === 'inf') return Infinity;
  if (value === '-inf') return -Infinity;
  return undefined;
}
