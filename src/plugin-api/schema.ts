/**
 * Shapes declared once, on valibot: the sweep file and every plugin's options are schemas, and
 * from a schema come the TypeScript type (`v.InferOutput`), the validation with messages written
 * for people, each field's default and description, the reference docs and the JSON Schema that
 * editors use. This file holds the few pieces valibot lacks for files people write by hand:
 *
 * - `mapping`: a strict object that also refuses a list (valibot's objects take any object);
 * - `byKind`: one schema per kind of YAML value (`metric: val_loss` or `metric: {name: …}`),
 *   so that a mistake is explained in the terms of the form the user chose;
 * - `option`: a field with its description and default, or the words a missing one is asked with;
 * - `firstIssue`, `issuePath`: the one problem to report, and where it is.
 */
import * as v from 'valibot';

export { v };

export type Schema = v.GenericSchema;
type Issue = v.BaseIssue<unknown>;
type Run = (dataset: v.UnknownDataset, config: v.Config<Issue>) => v.OutputDataset<unknown, Issue>;

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

/** The message of a type or range check: `expected an integer >= 1, got "four"`. */
export function expected(what: string, describe: (value: unknown) => string = describeGiven): (issue: Issue) => string {
  return (issue) => `expected ${what}, got ${describe(issue.input)}`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Runs `schema` with another first step; the schema stays what it was for types and JSON Schema. */
function withRun<S extends Schema>(schema: S, run: (inner: Run) => Run): S {
  return { ...schema, '~run': run(schema['~run'].bind(schema) as Run) } as S;
}

/** The words for the problems a mapping can have besides its fields' own. */
export interface MappingMessages {
  /** The value is not a mapping at all. */
  notMapping: v.ErrorMessage<Issue>;
  /** A key the mapping does not have; `known` are the keys it has, in declaration order. */
  unknownKey: (key: string, known: readonly string[]) => string;
  /** When set, a mapping `key:` left blank (null) reads as absent: its default, or missing. */
  blankIsAbsent?: boolean;
}

export type Mapping<E extends v.ObjectEntries> = v.StrictObjectSchema<E, v.ErrorMessage<v.StrictObjectIssue>>;

/**
 * A mapping of known keys, each with its schema. A required key that is absent is reported as
 * `missing: expected …` when its `option(…, {missing})` says how to ask for it, otherwise with the
 * key's own complaint about nothing (`expected an integer >= 0, got nothing`).
 */
export function mapping<const E extends v.ObjectEntries>(entries: E, messages: MappingMessages): Mapping<E> {
  const known = Object.keys(entries);
  const keyMessage = (issue: Issue): string => {
    const key = String((issue.path?.at(-1) as v.ObjectPathItem | undefined)?.key);
    if (isUnknownKey(issue)) return messages.unknownKey(key, known);
    const missing = v.getMetadata(entries[key] as Schema).missing;
    if (typeof missing === 'string') return `missing: expected ${missing}`;
    return entries[key]['~run']({ value: undefined }, {}).issues?.[0]?.message ?? 'missing';
  };
  const object = v.strictObject(entries, (issue) => keyMessage(issue));
  const refuse = v.never(messages.notMapping);
  return withRun(object, (inner) => (dataset, config) => {
    if (!isPlainObject(dataset.value)) return refuse['~run'](dataset, config);
    if (!messages.blankIsAbsent) return inner(dataset, config);
    return inner({ value: withoutBlanks(dataset.value) }, config);
  });
}

/** `key:` with nothing after it, read as if the key were not there. */
function withoutBlanks(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== null && item !== undefined));
}

/** A mapping that refuses anything but a mapping with `notMapping`, for records and variants. */
export function onlyMappings<S extends Schema>(schema: S, notMapping: v.ErrorMessage<Issue>, options: { blankIsAbsent?: boolean } = {}): S {
  const refuse = v.never(notMapping);
  return withRun(schema, (inner) => (dataset, config) => {
    if (!isPlainObject(dataset.value)) return refuse['~run'](dataset, config);
    return inner(options.blankIsAbsent ? { value: withoutBlanks(dataset.value) } : dataset, config);
  });
}

/** The kinds of value YAML gives. A blank value (`key:`) is `nothing`. */
export type ValueKind = 'list' | 'mapping' | 'string' | 'number' | 'boolean' | 'nothing';

function kindOf(value: unknown): ValueKind | undefined {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'list';
  if (isPlainObject(value)) return 'mapping';
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' ? type : undefined;
}

/** One schema per kind of value; `scalar` serves strings, numbers and booleans without their own. */
export type KindCases = Partial<Record<ValueKind | 'scalar', Schema>>;

type CaseOf<C extends KindCases> = Extract<C[keyof C], Schema>;

/**
 * Validates a value with the schema of its kind, or refuses it with `otherwise`. In JSON Schema
 * it reads as the union (`anyOf`) of the cases.
 */
export function byKind<const C extends KindCases>(
  cases: C,
  otherwise: v.ErrorMessage<Issue>,
): v.GenericSchema<v.InferInput<CaseOf<C>>, v.InferOutput<CaseOf<C>>> {
  const all = Object.values(cases).filter((schema): schema is Schema => schema !== undefined);
  const refuse = v.never(otherwise);
  const pick = (value: unknown): Schema => {
    const kind = kindOf(value);
    const scalar = kind === 'string' || kind === 'number' || kind === 'boolean' ? cases.scalar : undefined;
    return (kind && cases[kind]) ?? scalar ?? refuse;
  };
  return withRun(
    v.union(all),
    () => (dataset, config) => pick(dataset.value)['~run'](dataset, config) as v.OutputDataset<unknown, Issue>,
  ) as never;
}

/** How a field is documented: what it is for, and its default or what it takes when absent. */
export interface FieldDoc<D> {
  /** One line for the reference and for editors. */
  description: string;
  /** The value an absent field takes, as the user would write it (`10s`, `random`). */
  default?: D;
  /** Optional with no default value: what an absent field means, for the docs (`none`, `the file's stem`). */
  unset?: string;
  /** Required: what to ask for when it is absent (`missing: expected …`). Plugin options leave it out. */
  missing?: string;
}

type Doc = Omit<FieldDoc<unknown>, 'default'>;
type Documented<S extends Schema> = v.SchemaWithPipe<readonly [S, v.MetadataAction<v.InferOutput<S>, Doc>]>;

/** A field of a mapping: a value schema with its doc, and optional when it has a default or `unset`. */
export function option<S extends Schema, D extends v.InferInput<S>>(
  schema: S,
  doc: FieldDoc<D> & { default: D },
): Documented<v.OptionalSchema<S, D>>;
export function option<S extends Schema>(schema: S, doc: FieldDoc<never> & { unset: string }): Documented<v.OptionalSchema<S, undefined>>;
export function option<S extends Schema>(schema: S, doc: FieldDoc<never>): Documented<S>;
export function option(schema: Schema, doc: FieldDoc<unknown>): unknown {
  const { default: fallback, ...text } = doc;
  const present = fallback !== undefined ? v.optional(schema, fallback) : doc.unset !== undefined ? v.optional(schema) : schema;
  return v.pipe(present, v.metadata(text));
}

/** A value schema with its type as the reference shows it (`an integer >= 1`). */
export function shaped<S extends Schema>(
  schema: S,
  shape: string,
): v.SchemaWithPipe<readonly [S, v.MetadataAction<v.InferOutput<S>, { shape: string }>]> {
  return v.pipe(schema, v.metadata({ shape }));
}

/**
 * A value schema whose every check says `expected <what>, got …` (`build` gets that message), and
 * whose type in the docs is `what`. `describe` words the value given.
 */
export function checked<S extends Schema>(
  what: string,
  build: (message: (issue: Issue) => string) => S,
  describe?: (value: unknown) => string,
): v.SchemaWithPipe<readonly [S, v.MetadataAction<v.InferOutput<S>, { shape: string }>]> {
  return shaped(build(expected(what, describe)), what);
}

/** True for the issue of a key that the mapping does not have. */
export function isUnknownKey(issue: Issue): boolean {
  return issue.type === 'strict_object' && issue.expected === 'never';
}

/**
 * The one problem to report. A misspelt key comes first: it explains the others (a `paramters:`
 * typo also leaves `parameters` missing). Otherwise the first found, in declaration order.
 */
export function firstIssue(issues: readonly [Issue, ...Issue[]]): Issue {
  return issues.find(isUnknownKey) ?? issues[0];
}

/** Where an issue is: `['executor', 'hosts', 0, 'host']`. */
export function issuePath(issue: Issue): Array<string | number> {
  return (issue.path ?? []).map((item) => item.key as string | number);
}

/**
 * Whether the issue is about a key itself (misspelt, or not a valid name) rather than its value.
 * A missing key is neither: it is reported where its value would be, or at its mapping.
 */
export function isAboutKey(issue: Issue): boolean {
  const last = issue.path?.at(-1);
  return last !== undefined && 'origin' in last && last.origin === 'key' && issue.input !== undefined;
}

/** An issue at `key` of the mapping being checked, for checks across its fields (`low < high`). */
export function issueAt(input: Record<string, unknown>, key: string): { input: unknown; path: [v.ObjectPathItem] } {
  return { input: input[key], path: [{ type: 'object', origin: 'value', input, key, value: input[key] }] };
}
