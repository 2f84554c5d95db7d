/**
 * `npm run docs`: writes the generated reference, docs/reference/sweep-file.md, and the JSON
 * Schema for sweep files, docs/reference/sweep.schema.json, from the declarations. `npm test` fails when
 * either is not what this would write (test/scripts/generate-reference.test.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sweepFileJsonSchema } from './reference/json-schema.js';
import { sweepFileReference } from './reference/markdown.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Each generated file, by its path in the repository. */
export function generatedFiles(): Record<string, string> {
  return {
    'docs/reference/sweep-file.md': sweepFileReference(),
    'docs/reference/sweep.schema.json': `${JSON.stringify(sweepFileJsonSchema(), null, 2)}\n`,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [path, text] of Object.entries(generatedFiles())) {
    mkdirSync(dirname(join(ROOT, path)), { recursive: true });
    writeFileSync(join(ROOT, path), text);
    console.log(`wrote ${path}`);
  }
}
