/**
 * Option readers shared by every built-in pruner, sampler and executor. Each option is read once
 * in `create`; a bad or unknown one throws PluginOptionError naming it, with what was expected
 * and what was given (`expected an integer >= 1, got 0`).
 *
 * An absent option (undefined) reads as the fallback when one is given, else as undefined. A
 * present but null one (`partition:` left blank in YAML) is refused like any other wrong value.
 */
import { parseDuration } from './duration.js';
import { PluginOptionError } from './errors.js';

export type Options = Record<string, unknown>;

/** How a given value reads in an error: strings quoted, numbers as written, the rest as JSON. */
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

export function fail(name: string, expected: string, value: unknown): never {
  throw new PluginOptionError(name, `expected ${expected}, got ${describeGiven(value)}`);
}

/** For a required option whose reader returned undefined: `integerOption(…) ?? missing(…)`. */
export function missing(name: string, expected: string): never {
  return fail(name, expected, undefined);
}

/**
 * Throws for any option not in `known`, listing the ones that are (a typo must not pass silently).
 * `plugin` (`"slurm executor"`) names whose options they are, for errors read away from the sweep file.
 */
export function rejectUnknownOptions(options: Options, known: readonly string[], plugin?: string): void {
  for (const name of Object.keys(options)) {
    if (known.includes(name)) continue;
    const expected = known.length === 0 ? 'no options' : `one of ${known.join(', ')}`;
    throw new PluginOptionError(name, `unknown option${plugin ? ` for the ${plugin}` : ''}; expected ${expected}`);
  }
}

export function booleanOption(options: Options, name: string): boolean | undefined;
export function booleanOption(options: Options, name: string, fallback: boolean): boolean;
export function booleanOption(options: Options, name: string, fallback?: boolean): boolean | undefined {
  const value = options[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') fail(name, 'true or false', value);
  return value;
}

export function integerOption(options: Options, name: string, min: number): number | undefined;
export function integerOption(options: Options, name: string, min: number, fallback: number): number;
export function integerOption(options: Options, name: string, min: number, fallback?: number): number | undefined {
  const value = options[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) fail(name, `an integer >= ${min}`, value);
  return value;
}

/** An integer option that may also be the string "auto" (returned as null). */
export function integerOrAutoOption(options: Options, name: string, min: number, fallback: number | 'auto'): number | null {
  const value = options[name] === undefined ? fallback : options[name];
  if (value === 'auto') return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) fail(name, `an integer >= ${min} or "auto"`, value);
  return value;
}

/** Bounds of a number option: `min`/`max` inclusive, `above` exclusive. */
export interface NumberRange {
  min?: number;
  max?: number;
  above?: number;
}

export function numberOption(options: Options, name: string, range: NumberRange): number | undefined;
export function numberOption(options: Options, name: string, range: NumberRange, fallback: number): number;
export function numberOption(options: Options, name: string, range: NumberRange, fallback?: number): number | undefined {
  const value = options[name];
  if (value === undefined) return fallback;
  const { min, max, above } = range;
  const inRange =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (min === undefined || value >= min) &&
    (max === undefined || value <= max) &&
    (above === undefined || value > above);
  if (!inRange) fail(name, `a number${describeRange(range)}`, value);
  return value;
}

function describeRange({ min, max, above }: NumberRange): string {
  if (min !== undefined && max !== undefined && above === undefined) return ` between ${min} and ${max}`;
  const bounds = [
    above === undefined ? '' : `> ${above}`,
    min === undefined ? '' : `>= ${min}`,
    max === undefined ? '' : `<= ${max}`,
  ].filter((bound) => bound !== '');
  return bounds.length === 0 ? '' : ` ${bounds.join(' and ')}`;
}

/** A string with something besides white space in it. */
export function stringOption(options: Options, name: string): string | undefined;
export function stringOption(options: Options, name: string, fallback: string): string;
export function stringOption(options: Options, name: string, fallback?: string): string | undefined {
  const value = options[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value.trim() === '') fail(name, 'a non-empty string', value);
  return value;
}

/** A string, or a positive number written without quotes (`mem: 16000`, `time: 90`), as a string. */
export function stringOrNumberOption(options: Options, name: string): string | undefined {
  const value = options[name];
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return String(value);
  if (typeof value === 'number') fail(name, 'a non-empty string or a positive number', value);
  return stringOption(options, name);
}

export function stringListOption(options: Options, name: string): string[] | undefined;
export function stringListOption(options: Options, name: string, fallback: string[]): string[];
export function stringListOption(options: Options, name: string, fallback?: string[]): string[] | undefined {
  const value = options[name];
  if (value === undefined) return fallback;
  if (!Array.isArray(value)) fail(name, 'a list of strings', value);
  value.forEach((item, index) => {
    if (typeof item !== 'string') fail(`${name}[${index}]`, 'a string', item);
  });
  return value as string[];
}

/** Milliseconds, from `2s`, `500ms`, `1m` or a number of seconds; at least `minMs`. */
export function durationOption(options: Options, name: string, minMs: number): number | undefined;
export function durationOption(options: Options, name: string, minMs: number, fallbackMs: number): number;
export function durationOption(options: Options, name: string, minMs: number, fallbackMs?: number): number | undefined {
  const value = options[name];
  if (value === undefined) return fallbackMs;
  const ms = parseDuration(value);
  if (ms === undefined || ms < minMs) fail(name, `a duration of at least ${minMs} ms such as 2s or 500ms`, value);
  return ms;
}
