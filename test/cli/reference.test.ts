import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLI_REFERENCE_FILES } from '../../src/cli/reference/files.js';

describe('the generated command and JSON output references', () => {
  it.each(CLI_REFERENCE_FILES.map((file) => [file.path, file.render] as const))('%s is current', (path, render) => {
    let committed = '';
    try {
      committed = readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
    } catch {
      // compared below: an empty file is stale too
    }
    expect(committed === render(), `${path} is stale: run \`npm run docs:commands\` and commit the result`).toBe(true);
  });
});
