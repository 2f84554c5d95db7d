/** docs/reference/json-output.md, drawn from the declared shapes (src/cli/output/shapes.ts). */
import * as v from 'valibot';
import type { JsonOutput, Layout } from '../output/json-output.js';
import { cell, code, generatedNote, table } from './markdown.js';

const LAYOUTS: Record<Layout, string> = {
  document: 'one JSON object',
  array: 'a JSON array of objects',
  lines: 'JSON lines: one object per line',
};

const INTRO = [
  'Every record a consumer meets at the top level of an output carries its format version as its first field, `"format": N`: ' +
    'the whole output when it is one object (`status`, `best`), each element when it is an array (`export`, `ls`), ' +
    'and each line of JSON lines (`metrics`, `replay`). On each line rather than in a header line, because lines ' +
    'travel alone: through `grep`, `tail`, `head`, or several outputs appended to one file, every line still says how to read it, ' +
    'and a stream with no records (no metric found) needs no header either.',
  'A version goes up only when a field is removed, renamed or changes meaning; a field may be added within a version, ' +
    'so read the fields you know and ignore the others. NaN and the infinities, which JSON cannot hold, are the strings ' +
    '`"nan"`, `"inf"` and `"-inf"` wherever a field is `number | "nan" | "inf" | "-inf"`.',
];

export function jsonOutputReference(outputs: readonly JsonOutput[]): string {
  const named = new Map<string, v.GenericSchema>();
  const sections = outputs.map((output) => outputSection(output, named));
  const shared = [...named].map(([title, schema]) => {
    const body = isObject(schema)
      ? fieldTable(entriesOf(schema), named)
      : `One of ${typeText(schema, named, true).replace(/ \\\| /g, ', ')}.`;
    return `### ${title}\n\n${body}`;
  });
  return (
    [
      '# JSON output reference',
      generatedNote('src/cli/output/shapes.ts'),
      ...INTRO,
      table(
        ['command', 'layout', 'format'],
        outputs.map((o) => [`[${code(`sweeptop ${o.command}`)}](${anchor(o.command)})`, LAYOUTS[o.layout], String(o.version)]),
      ),
      ...sections,
      ...(shared.length ? ['## Shapes used above', ...shared] : []),
    ].join('\n\n') + '\n'
  );
}

function outputSection(output: JsonOutput, named: Map<string, v.GenericSchema>): string {
  const records = Object.entries(output.records);
  const parts = [`## sweeptop ${output.command}`, `${cell(output.summary)}: ${LAYOUTS[output.layout]}, format ${output.version}.`];
  for (const [name, schema] of records) {
    if (records.length > 1) parts.push(`A ${name} record:`);
    parts.push(fieldTable(entriesOf(schema), named));
  }
  parts.push(...(output.notes ?? []).map(cell));
  return parts.join('\n\n');
}

function fieldTable(entries: v.ObjectEntries, named: Map<string, v.GenericSchema>): string {
  return table(
    ['field', 'type', 'what it is'],
    Object.entries(entries).map(([name, schema]) => [code(name), typeText(schema, named), cell(v.getDescription(schema) ?? '')]),
  );
}

function isObject(schema: v.GenericSchema): boolean {
  return schema.type === 'strict_object' || schema.type === 'object';
}

function entriesOf(schema: v.GenericSchema): v.ObjectEntries {
  return (schema as unknown as v.StrictObjectSchema<v.ObjectEntries, undefined>).entries;
}

/** `integer`, `string | null`, `trial row[]`; a titled schema is named, and described once below. */
function typeText(schema: v.GenericSchema, named: Map<string, v.GenericSchema>, expand = false): string {
  const s = schema as v.GenericSchema & Record<string, unknown>;
  const title = v.getTitle(schema as never);
  if (title && !expand) {
    if (!named.has(title)) named.set(title, schema);
    return `[${title}](#${title.replace(/ /g, '-')})`;
  }
  switch (s.type) {
    case 'number':
      return hasAction(s, 'integer') ? 'integer' : 'number';
    case 'literal':
      return code(JSON.stringify(s.literal));
    case 'picklist':
      return (s.options as string[]).map((o) => code(JSON.stringify(o))).join(' \\| ');
    case 'union':
      return (s.options as v.GenericSchema[]).map((o) => typeText(o, named)).join(' \\| ');
    case 'nullable':
      return `${typeText(s.wrapped as v.GenericSchema, named)} \\| null`;
    case 'optional':
      return `${typeText(s.wrapped as v.GenericSchema, named)}, optional`;
    case 'array':
      return `${typeText(s.item as v.GenericSchema, named)}[]`;
    case 'record':
      return `object of ${typeText(s.key as v.GenericSchema, named)} → ${typeText(s.value as v.GenericSchema, named)}`;
    default:
      return String(s.type);
  }
}

/** Whether the schema's pipe, or a pipe inside it, holds the action. */
function hasAction(schema: unknown, type: string): boolean {
  const pipe = (schema as { pipe?: unknown[] }).pipe ?? [];
  return pipe.some((item, i) => (item as { type: string }).type === type || (i === 0 && item !== schema && hasAction(item, type)));
}

function anchor(command: string): string {
  return `#sweeptop-${command
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-')}`;
}
