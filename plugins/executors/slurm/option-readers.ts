/**
 * Option readers shared by the Slurm and SSH executors: each option is read once in `create`, and
 * a bad or unknown one throws PluginOptionError naming it, with what was expected and what was
 * given. (Kept here rather than beside types.ts only because the executors' helpers live in
 * their own folders; ssh/ imports it too.)
 */
import { parseDuration } from '../../../src/engine/config/duration.js';
import { PluginOptionError } from '../../../src/engine/errors.js';

export type Options = Record<string, unknown>;

/** Throws for any option not in `known`, listing the ones that are (a typo must not pass silently). */
export function rejectUnknownOptions(executor: string, options: Options, known: readonly string[]): void {
  for (const name of Object.keys(options)) {
    if (known.includes(name)) continue;
    throw new PluginOptionError(name, `unknown option for the ${executor} executor; expected one of ${known.join(', ')}`);
  }
}

export function stringOption(options: Options, name: string): string | null {
  const value = options[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.trim() === '') fail(name, 'a non-empty string', value);
  return value;
}

/** A string, or a number written without quotes (`mem: 16000`, `time: 90`). */
export function stringOrNumberOption(options: Options, name: string): string | null {
  const value = options[name];
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return String(value);
  return stringOption(options, name);
}

export function integerOption(options: Options, name: string, min: number): number | null {
  const value = options[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) fail(name, `an integer >= ${min}`, value);
  return value;
}

export function stringListOption(options: Options, name: string): string[] {
  const value = options[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(name, 'a list of strings', value);
  value.forEach((item, index) => {
    if (typeof item !== 'string') fail(`${name}[${index}]`, 'a string', item);
  });
  return value as string[];
}

/** Milliseconds, from `2s`, `500ms`, `1m` or a number of seconds; at least `minMs`. */
export function durationOption(options: Options, name: string, fallbackMs: number, minMs: number): number {
  const value = options[name];
  if (value === undefined || value === null) return fallbackMs;
  const ms = parseDuration(value);
  if (ms === undefined || ms < minMs) fail(name, `a duration of at least ${minMs} ms such as 2s or 500ms`, value);
  return ms;
}

export function fail(name: string, expected: string, value: unknown): never {
  throw new PluginOptionError(name, `expected ${expected}, got ${describeGiven(value)}`);
}

function describeGiven(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'nothing';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
