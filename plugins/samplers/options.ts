/**
 * Option checking shared by the samplers: every option is read once in `create`, and a bad or
 * unknown one throws PluginOptionError naming it, with what was expected and what was given.
 */
import { PluginOptionError } from '../../src/engine/errors.js';

/** Throws for any option not in `known`, listing the ones that are (a typo must not pass silently). */
export function rejectUnknownOptions(
  sampler: string,
  options: Record<string, unknown>,
  known: readonly string[],
): void {
  for (const name of Object.keys(options)) {
    if (name === 'type' || known.includes(name)) continue;
    const expected = known.length === 0 ? 'it takes no options' : `expected one of ${known.join(', ')}`;
    throw new PluginOptionError(name, `unknown option for the ${sampler} sampler; ${expected}`);
  }
}

export function booleanOption(options: Record<string, unknown>, name: string, fallback: boolean): boolean {
  const value = options[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') fail(name, 'true or false', value);
  return value;
}

export function integerOption(options: Record<string, unknown>, name: string, min: number, fallback: number): number {
  const value = options[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) fail(name, `an integer >= ${min}`, value);
  return value;
}

/** A finite number strictly greater than `above`. */
export function positiveNumberOption(
  options: Record<string, unknown>,
  name: string,
  above: number,
  fallback: number,
): number {
  const value = options[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= above) fail(name, `a number > ${above}`, value);
  return value;
}

function fail(name: string, expected: string, value: unknown): never {
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
