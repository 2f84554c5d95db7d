/**
 * Reads the declarations (the sweep file's, each built-in plugin's options) back as rows for the
 * reference: a field's name, its type, its default (or what its absence means) and description.
 */
import type { Schema } from '../../src/plugin-api/schema.js';

export interface FieldRow {
  name: string;
  type: string;
  default: string;
  description: string;
}

/** What this reads of a valibot schema, a pipe, or an item of a pipe. */
interface Node {
  kind: string;
  type: string;
  pipe?: readonly Node[];
  wrapped?: Node;
  default?: unknown;
  metadata?: Record<string, unknown>;
}

/** The doc metadata of a schema, from its innermost wrapper out (the outer wins). */
export function docOf(schema: Schema): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  const visit = (node: Node): void => {
    if (node.pipe) {
      visit(node.pipe[0]);
      for (const item of node.pipe.slice(1)) if (item.kind === 'metadata' && item.type === 'metadata') Object.assign(doc, item.metadata);
    } else if (node.wrapped) {
      visit(node.wrapped);
    }
  };
  visit(schema as unknown as Node);
  return doc;
}

/** One row per field of a mapping, in declaration order; fields a form refuses are left out. */
export function fieldRows(entries: Record<string, Schema>, skip: readonly string[] = []): FieldRow[] {
  return Object.entries(entries)
    .filter(([name, schema]) => !skip.includes(name) && docOf(schema).refused !== true)
    .map(([name, schema]) => {
      const doc = docOf(schema);
      const fallback = (schema as unknown as Node).default;
      return {
        name,
        type: String(doc.shape ?? ''),
        default: fallback !== undefined ? inlineYaml(fallback) : typeof doc.unset === 'string' ? doc.unset : 'required',
        description: String(doc.description ?? ''),
      };
    });
}

/** A default as it would be written in the sweep file: `10s`, `[auto]`, `{}`. */
export function inlineYaml(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inlineYaml).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value)
      .map(([key, item]) => `${key}: ${inlineYaml(item)}`)
      .join(', ')}}`;
  }
  return String(value);
}
