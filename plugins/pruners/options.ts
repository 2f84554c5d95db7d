/**
 * Option checking shared by the pruners: every option is validated in `create`, and a bad or
 * unknown one throws PluginOptionError naming it, with what was expected and what was given.
 */
import { PluginOptionError } from '../../src/engine/errors.js';

/** How a given value reads in an error: strings quoted, everything else as JSON would show it. */
export function describeGiven(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  if (value === undefined) return 'nothing';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Throws for any option not in `known`, listing the ones that are. */
export function rejectUnknownOptions(options: Record<string, unknown>, known: readonly string[]): void {
  for (const name of Object.keys(options)) {
    if (name === 'type' || known.includes(name)) continue;
    const expected = known.length === 0 ? 'no options' : `one of ${known.join(', ')}`;
    throw new PluginOptionError(name, `unknown option; expected ${expected}`);
  }
}

function fail(name: string, expected: string, value: unknown): never {
  throw new PluginOptionError(name, `expected ${expected}, got ${describeGiven(value)}`);
}

/** Throws when a required option is absent; the checker that follows validates its value. */
export function requireOption(options: Record<string, unknown>, name: string, expected: string): void {
  if (options[name] === undefined) fail(name, expected, undefined);
}

/** An integer option with a lower bound (and a default when absent). */
export function integerOption(
  options: Record<string, unknown>,
  name: string,
  min: number,
  fallback?: number,
): number {
  const value = options[name];
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    fail(name, `an integer >= ${min}`, value);
  }
  return value;
}

/** An integer option that may also be the string 'auto' (returned as null). */
export function integerOrAutoOption(
  options: Record<string, unknown>,
  name: string,
  min: number,
  fallback: number | 'auto',
): number | null {
  const value = options[name] === undefined ? fallback : options[name];
  if (value === 'auto') return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    fail(name, `an integer >= ${min} or "auto"`, value);
  }
  return value;
}

/** A finite number option, optionally within [min, max]. Absent → fallback (may be undefined). */
export function numberOption(
  options: Record<string, unknown>,
  name: string,
  range: { min?: number; max?: number },
  fallback?: number,
): number | undefined {
  const value = options[name];
  if (value === undefined) return fallback;
  const inRange =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (range.min === undefined || value >= range.min) &&
    (range.max === undefined || value <= range.max);
  if (!inRange) {
    const bounds =
      range.min !== undefined && range.max !== undefined
        ? ` between ${range.min} and ${range.max}`
        : range.min !== undefined
          ? ` >= ${range.min}`
          : range.max !== undefined
            ? ` <= ${range.max}`
            : '';
    fail(name, `a number${bounds}`, value);
  }
  return value;
}

/** A non-empty string option, or undefined when absent. */
export function stringOption(options: Record<string, unknown>, name: string): string | undefined {
  const value = options[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') fail(name, 'a non-empty string', value);
  return value;
}
