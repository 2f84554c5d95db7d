/** The folder of sweeptop's own package.json, whether running from src/ (tests) or dist/. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readJsonFile } from './state/atomic.js';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && readJsonFile<{ name?: string }>(candidate)?.name === 'sweeptop') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot find sweeptop's package.json");
    dir = parent;
  }
}

export const PACKAGE_ROOT = findRoot();
