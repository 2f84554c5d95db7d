/**
 * How a `--json` output is declared: its records' shapes (valibot), the layout they are printed
 * in, and a format version. Every record a consumer meets at the top level — the whole output, each
 * element of an output that is an array, each line of JSON lines — carries the version as its first
 * field, `"format": N`, so a record cut out of its stream (`grep`, `tail`, one line of a log) still
 * says how to read it. A version goes up only when a field is removed or changes meaning; new
 * fields may appear within a version. docs/reference/json-output.md is drawn from these.
 */
import * as v from 'valibot';

export type Layout = 'document' | 'array' | 'lines';

/** A record's fields besides `format`. */
type Entries = v.ObjectEntries;

export interface JsonOutput<R extends Record<string, Entries> = Record<string, Entries>> {
  /** The command line that prints it: `status DIR --json`. */
  command: string;
  layout: Layout;
  version: number;
  summary: string;
  /** Each kind of record, by name (`replay` prints trial lines, then a summary line). */
  records: { [K in keyof R]: v.StrictObjectSchema<{ format: v.LiteralSchema<number, undefined> } & R[K], undefined> };
  /** What else it may print, and when. */
  notes?: readonly string[];
}

export function jsonOutput<const R extends Record<string, Entries>>(
  declaration: Omit<JsonOutput<R>, 'records'> & { records: R },
): JsonOutput<R> {
  const format = v.pipe(v.literal(declaration.version), v.description('the format version of this record'));
  const records = Object.fromEntries(
    Object.entries(declaration.records).map(([name, entries]) => [name, v.strictObject({ format, ...entries })]),
  );
  return { ...declaration, records } as unknown as JsonOutput<R>;
}

/** One record as a command builds it: everything but `format`. */
export type RecordBody<O extends JsonOutput, K extends keyof O['records']> = Omit<v.InferOutput<O['records'][K]>, 'format'>;

/** The record with its format version first. */
export function versioned<O extends JsonOutput, K extends keyof O['records'] & string>(
  output: O,
  _kind: K,
  body: RecordBody<O, K>,
): v.InferOutput<O['records'][K]> {
  return { format: output.version, ...body } as v.InferOutput<O['records'][K]>;
}

/** Any record the output may print. */
export function outputSchema(output: JsonOutput): v.GenericSchema {
  const records = Object.values(output.records);
  return records.length === 1 ? records[0] : v.union(records);
}
