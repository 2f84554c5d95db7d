/**
 * The kinds of value the sweep file's own fields take, each with its check and its message:
 * `parallel: expected an integer ≥ 1, got "four"`. (Plugin options word theirs as
 * src/plugin-api/options.ts does: `expected an integer >= 1, got "four"`.)
 */
import { durationSchema } from '../../../plugin-api/options.js';
import { checked, expected, mapping, v, type Mapping } from '../../../plugin-api/schema.js';
import { didYouMean } from '../nearest.js';

/** How a value the user wrote reads in a message: `"four"`, `a list`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value.length > 40 ? value.slice(0, 40) + '…' : value}"`;
  return String(value);
}

/** `expected <what>, got <the value, as describeValue words it>`. */
export const expects = (what: string) => expected(what, describeValue);

/** A mapping of the sweep file: a blank `key:` reads as absent, a misspelt key gets a suggestion. */
export function fields<const E extends v.ObjectEntries>(entries: E, what: string): Mapping<E> {
  return mapping(entries, {
    notMapping: expects(what),
    unknownKey: (key, known) => `unknown field '${key}'${didYouMean(key, known)}`,
    blankIsAbsent: true,
  });
}

export const text = () => checked('a non-empty string', (message) => v.pipe(v.string(message), v.minLength(1, message)), describeValue);

/**
 * A name that becomes one folder (a sweep's, under sweeps/): one path segment, so that it can
 * never place the folder elsewhere (`../../escape`).
 */
export const folderName = () =>
  checked(
    'a single folder name (no / or \\, not . or ..)',
    (message) =>
      v.pipe(
        v.string(message),
        v.minLength(1, message),
        v.check((name) => !/[\\/]/.test(name) && name !== '.' && name !== '..', message),
      ),
    describeValue,
  );

export const flag = () => checked('true or false', (message) => v.boolean(message), describeValue);

export const count = (min: number) =>
  checked(`an integer ≥ ${min}`, (message) => v.pipe(v.number(message), v.integer(message), v.minValue(min, message)), describeValue);

/** Milliseconds, from `30s`, `10m`, `2h`, `3d`, `1h30m` or a number of seconds. */
export const duration = () => checked('a duration such as 30s, 10m, 2h or 3d', (message) => durationSchema(message), describeValue);

export const textList = () =>
  checked(
    'a list of strings',
    (message) => v.array(v.pipe(v.string(expects('a non-empty string')), v.minLength(1, expects('a non-empty string'))), message),
    describeValue,
  );
