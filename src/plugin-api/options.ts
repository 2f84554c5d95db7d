/**
 * A plugin's options, declared once next to the plugin: `options: options({...})` on the plugin
 * object, and `readOptions(schema, given)` at the top of its `create`. The declaration gives the
 * option types, the validation, the defaults, and the reference docs and JSON Schema (both
 * generated from it). A bad or unknown option throws PluginOptionError naming it, with what was
 * expected and what was given (`expected an integer >= 1, got 0`).
 *
 * An absent option takes its default. A present but null one (`partition:` left blank in YAML) is
 * refused like any other wrong value.
 */
import { DURATION_PATTERN, formatDuration, MAX_DURATION_MS, MAX_DURATION_TEXT, parseDuration } from './duration.js';
import { pathLabel, PluginOptionError } from './errors.js';
import type { PluginKind } from './plugin.js';
import { checked, expected, firstIssue, isPlainObject, isUnknownKey, issuePath, mapping, shaped, v, type Mapping } from './schema.js';

export type Options = Record<string, unknown>;

/** The schema of a plugin's options: `options({ name: option(integerValue(1), {…}), … })`. */
export type OptionsSchema = Mapping<v.ObjectEntries>;

/** The options as `create` gets them from readOptions: checked, defaults filled in. */
export type OptionsOf<E extends v.ObjectEntries> = v.InferOutput<Mapping<E>>;

export function options<const E extends v.ObjectEntries>(entries: E): Mapping<E> {
  return mapping(entries, {
    notMapping: expected('a mapping of options'),
    // readOptions names the plugin in this message; this is the message for a nested mapping
    unknownKey: (_key, known) => `unknown option; expected ${knownOptions(known)}`,
  });
}

/** For a plugin that takes no options. */
export const noOptions = options({});

function knownOptions(known: readonly string[]): string {
  return known.length === 0 ? 'no options' : `one of ${known.join(', ')}`;
}

/**
 * The options given, checked against the schema, with defaults filled in. `plugin` (`"slurm
 * executor"`) names whose options they are in the message for an unknown one, for errors read away
 * from the sweep file.
 */
export function readOptions<S extends OptionsSchema>(schema: S, given: Options, plugin?: string): v.InferOutput<S> {
  const result = v.safeParse(schema, given, { abortPipeEarly: true });
  if (result.success) return result.output;
  const issue = firstIssue(result.issues);
  const path = issuePath(issue);
  if (isUnknownKey(issue) && path.length === 1) {
    const known = Object.keys(schema.entries);
    throw new PluginOptionError(String(path[0]), `unknown option${plugin ? ` for the ${plugin}` : ''}; expected ${knownOptions(known)}`);
  }
  throw new PluginOptionError(pathLabel(path), issue.message);
}

export const booleanValue = () => checked('true or false', (message) => v.boolean(message));

export const integerValue = (min: number) =>
  checked(`an integer >= ${min}`, (message) => v.pipe(v.number(message), v.integer(message), v.minValue(min, message)));

/** An integer, or the string "auto" (read as null: the plugin works it out). */
export const integerOrAutoValue = (min: number) =>
  checked(`an integer >= ${min} or "auto"`, (message) =>
    v.pipe(
      v.union([v.pipe(v.number(message), v.integer(message), v.minValue(min, message)), v.literal('auto', message)], message),
      v.transform((value) => (value === 'auto' ? null : value)),
    ),
  );

/** Bounds of a number: `min`/`max` inclusive, `above` exclusive. */
export interface NumberRange {
  min?: number;
  max?: number;
  above?: number;
}

export const numberValue = (range: NumberRange = {}) =>
  checked(`a number${describeRange(range)}`, (message) => {
    const { min, max, above } = range;
    let schema: v.GenericSchema<number> = v.pipe(v.number(message), v.finite(message));
    if (above !== undefined) schema = v.pipe(schema, v.gtValue(above, message));
    if (min !== undefined) schema = v.pipe(schema, v.minValue(min, message));
    if (max !== undefined) schema = v.pipe(schema, v.maxValue(max, message));
    return schema;
  });

function describeRange({ min, max, above }: NumberRange): string {
  if (min !== undefined && max !== undefined && above === undefined) return ` between ${min} and ${max}`;
  const bounds = [
    above === undefined ? '' : `> ${above}`,
    min === undefined ? '' : `>= ${min}`,
    max === undefined ? '' : `<= ${max}`,
  ].filter((bound) => bound !== '');
  return bounds.length === 0 ? '' : ` ${bounds.join(' and ')}`;
}

const NOT_BLANK = /\S/;

/** A string with something besides white space in it. */
export const textValue = () => checked('a non-empty string', (message) => v.pipe(v.string(message), v.regex(NOT_BLANK, message)));

/** A string, or a positive number written without quotes (`mem: 16000`, `time: 90`), as a string. */
export const textOrNumberValue = () =>
  checked('a non-empty string or a positive number', (message) =>
    v.pipe(
      v.union(
        [v.pipe(v.string(message), v.regex(NOT_BLANK, message)), v.pipe(v.number(message), v.finite(message), v.gtValue(0, message))],
        message,
      ),
      v.transform(String),
    ),
  );

export const textListValue = () => checked('a list of strings', (message) => v.array(v.string(expected('a string')), message));

/** Milliseconds, from `2s`, `500ms`, `1m` or a number of seconds; at least `minMs`, and at most `maxMs` when given. */
export const durationValue = (minMs: number, maxMs?: number) =>
  maxMs === undefined
    ? checked(`a duration of at least ${minMs} ms such as 2s or 500ms`, (message) => durationSchema(message, minMs))
    : checked(`a duration from ${minMs} ms to ${formatDuration(maxMs)} such as 2s or 500ms`, (message) =>
        durationSchema(message, minMs, maxMs),
      );

/**
 * A duration as parseDuration reads it, in milliseconds, from `minMs` to `maxMs`; every failed
 * check says `message`, but one past MAX_DURATION_MS (when no `maxMs` is given) says what the bound is.
 */
export function durationSchema(message: v.ErrorMessage<v.BaseIssue<unknown>>, minMs = 0, maxMs?: number) {
  return v.pipe(
    v.union([v.pipe(v.number(message), v.minValue(0, message)), v.pipe(v.string(message), v.regex(DURATION_PATTERN, message))], message),
    v.check((value) => (parseDuration(value) ?? -1) >= minMs, message),
    v.check(
      (value) => (parseDuration(value) ?? 0) <= (maxMs ?? MAX_DURATION_MS),
      maxMs === undefined ? expected(`a duration of at most ${MAX_DURATION_TEXT}`) : message,
    ),
    v.transform((value) => parseDuration(value)!),
  );
}

/**
 * Another plugin, chosen the way the sweep file chooses one (`{type: median, …options}`), as
 * `patient`'s `wrapped`. Its options are the chosen plugin's to check; the JSON Schema offers
 * the same choices as the sweep file's field of that kind.
 */
export const pluginChoiceValue = (kind: PluginKind, what: string) =>
  shaped(
    v.pipe(
      v.custom<{ type: string } & Options>((value) => isPlainObject(value) && typeof value.type === 'string', expected(what)),
      v.metadata({ choiceOf: kind, form: 'mapping' }),
    ),
    what,
  );
