/**
 * Typed reads of one mapping in the sweep file. Every failed read throws a ConfigError that points
 * at the value and says what was expected and what was found.
 */
import type { ConfigError } from '../errors.js';
import { parseDuration } from '../../plugin-api/duration.js';
import { didYouMean } from './nearest.js';
import type { ConfigSource, FieldPath } from './source.js';

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value.length > 40 ? value.slice(0, 40) + '…' : value}"`;
  return String(value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class Fields {
  constructor(
    readonly source: ConfigSource,
    readonly path: FieldPath,
    readonly values: Record<string, unknown>,
  ) {}

  static of(source: ConfigSource, path: FieldPath, value: unknown, what = 'a mapping of fields'): Fields {
    if (!isPlainObject(value)) throw source.error(path, `expected ${what}, got ${describeValue(value)}`);
    return new Fields(source, path, value);
  }

  at(key: string | number): FieldPath {
    return [...this.path, key];
  }

  has(key: string): boolean {
    return this.values[key] !== undefined && this.values[key] !== null;
  }

  error(key: string, detail: string): ConfigError {
    return this.source.error(this.at(key), detail);
  }

  expected(key: string, what: string): ConfigError {
    return this.error(key, `expected ${what}, got ${describeValue(this.values[key])}`);
  }

  /** Unknown keys are errors with a suggestion: a typo must never be silently ignored. */
  allowOnly(known: readonly string[]): void {
    for (const key of Object.keys(this.values)) {
      if (!known.includes(key)) {
        throw this.source.error(this.at(key), `unknown field '${key}'${didYouMean(key, known)}`, 'key');
      }
    }
  }

  /** A missing field is reported at its parent mapping, labelled with the field's name. */
  require(key: string, what: string): unknown {
    if (!this.has(key)) throw this.source.error(this.at(key), `missing: expected ${what}`);
    return this.values[key];
  }

  string(key: string, fallback: string): string;
  string(key: string): string | undefined;
  string(key: string, fallback?: string): string | undefined {
    if (!this.has(key)) return fallback;
    const value = this.values[key];
    if (typeof value !== 'string' || value.length === 0) throw this.expected(key, 'a non-empty string');
    return value;
  }

  boolean(key: string, fallback: boolean): boolean {
    if (!this.has(key)) return fallback;
    const value = this.values[key];
    if (typeof value !== 'boolean') throw this.expected(key, 'true or false');
    return value;
  }

  number(key: string, options: { integer?: boolean; min?: number; fallback?: number } = {}): number | undefined {
    if (!this.has(key)) return options.fallback;
    const value = this.values[key];
    const what = `${options.integer ? 'an integer' : 'a number'}${options.min !== undefined ? ` ≥ ${options.min}` : ''}`;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw this.expected(key, what);
    if (options.integer && !Number.isInteger(value)) throw this.expected(key, what);
    if (options.min !== undefined && value < options.min) throw this.expected(key, what);
    return value;
  }

  duration(key: string, fallback: number | null): number | null {
    if (!this.has(key)) return fallback;
    const ms = parseDuration(this.values[key]);
    if (ms === undefined) throw this.expected(key, 'a duration such as 30s, 10m, 2h or 3d');
    return ms;
  }

  stringList(key: string): string[] {
    if (!this.has(key)) return [];
    const value = this.values[key];
    if (!Array.isArray(value)) throw this.expected(key, 'a list of strings');
    value.forEach((item, i) => {
      if (typeof item !== 'string' || item.length === 0) {
        throw this.source.error(this.at(key).concat(i), `expected a non-empty string, got ${describeValue(item)}`);
      }
    });
    return value as string[];
  }
}
