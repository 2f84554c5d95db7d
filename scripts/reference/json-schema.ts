/**
 * docs/reference/sweep.schema.json, from the same declarations: the sweep file's fields, and for
 * `sampler:`, `pruner:` and `executor:` each built-in plugin with its own options, so that an
 * editor completes and checks `{type: tpe, n_startup_trials: …}`. Checks that JSON Schema cannot
 * say (low < high, a regex that compiles) are left to sweeptop itself.
 */
import { toJsonSchema, type ConversionConfig, type JsonSchema } from '@valibot/to-json-schema';
import { builtInRegistry } from '../../plugins/registry.js';
import { sweepFile } from '../../src/engine/config/schema/sweep-file.js';
import type { Plugin, PluginKind } from '../../src/plugin-api/plugin.js';
import type { Schema } from '../../src/plugin-api/schema.js';
import { GENERATED_NOTE } from './markdown.js';

/** Doc metadata that is sweeptop's own, not JSON Schema's. */
const OWN_KEYS = ['shape', 'unset', 'missing', 'refused', 'choiceOf', 'form'];

const CONVERSION: ConversionConfig = {
  typeMode: 'input',
  // checks beyond JSON Schema's words; sweeptop makes them when it reads the file
  ignoreActions: ['check', 'raw_check', 'finite'],
  // a plugin chosen inside another's options (patient's `wrapped`) is declared as a custom check
  overrideSchema: ({ valibotSchema }) => (valibotSchema.type === 'custom' ? {} : undefined),
  overrideAction: ({ valibotAction, jsonSchema }) => {
    if (valibotAction.type !== 'metadata') return undefined;
    const metadata = (valibotAction as unknown as { metadata: Record<string, unknown> }).metadata;
    for (const key of OWN_KEYS) delete (jsonSchema as Record<string, unknown>)[key];
    if (typeof metadata.choiceOf === 'string') {
      const choice = { $ref: `#/definitions/${metadata.choiceOf}` };
      return { allOf: metadata.form === 'mapping' ? [choice, { type: 'object' }] : [choice] };
    }
    return jsonSchema;
  },
};

function convert(schema: Schema): JsonSchema {
  const json = toJsonSchema(schema as never, CONVERSION);
  delete json.$schema;
  return json;
}

export function sweepFileJsonSchema(): JsonSchema {
  const registry = builtInRegistry();
  const kinds = ['sampler', 'pruner', 'executor'] as const;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment: GENERATED_NOTE,
    title: 'sweeptop sweep file',
    description: 'A sweep of your training command: its parameters, its objective, how trials are chosen, stopped and run.',
    ...convert(sweepFile),
    definitions: Object.fromEntries(kinds.map((kind) => [kind, pluginChoice(kind, registry.list(kind))])),
  };
}

/** `tpe`, `{type: tpe, …its options}`, or a plugin of the user's own with any options. */
function pluginChoice(kind: PluginKind, plugins: Plugin[]): JsonSchema {
  const names = plugins.map((plugin) => plugin.name);
  return {
    anyOf: [
      { type: 'string', enum: names, description: `a built-in ${kind}` },
      { type: 'string', minLength: 1, not: { enum: names }, description: `a ${kind} of your own (plugins:)` },
      ...plugins.map((plugin) => builtIn(plugin)),
      {
        type: 'object',
        description: `a ${kind} of your own (plugins:), with its options`,
        properties: { type: { type: 'string', minLength: 1, not: { enum: names } } },
        required: ['type'],
      },
    ],
  };
}

function builtIn(plugin: Plugin): JsonSchema {
  const options = plugin.options ? convert(plugin.options) : { properties: {}, required: [] };
  return {
    type: 'object',
    description: plugin.description,
    properties: { type: { const: plugin.name }, ...options.properties },
    required: ['type', ...(options.required ?? [])],
    additionalProperties: plugin.options === undefined,
  };
}
