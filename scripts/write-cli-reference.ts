// `npm run docs:commands`: writes the command and JSON output references from the CLI's declarations.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI_REFERENCE_FILES } from '../src/cli/reference/files.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
for (const { path, render } of CLI_REFERENCE_FILES) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), render());
  console.log(`wrote ${path}`);
}
