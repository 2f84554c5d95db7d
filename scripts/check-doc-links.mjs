#!/usr/bin/env node
// Checks that every relative link `](path)` and `](path#anchor)` in README.md, ARCHITECTURE.md and
// docs/**/*.md points at an existing file and, for an anchor, at a heading of that file (GitHub's
// slugs). Prints one line per broken link and exits 1 when there is any.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : name.endsWith('.md') ? [path] : [];
  });
const files = [join(root, 'README.md'), join(root, 'ARCHITECTURE.md'), ...walk(join(root, 'docs'))];

const withoutCode = (text) => text.replace(/^```[^]*?^```/gm, '');
function slugs(path) {
  const seen = new Map();
  const result = new Set();
  for (const [, heading] of withoutCode(readFileSync(path, 'utf8')).matchAll(/^#{1,6} (.+)$/gm)) {
    const base = heading
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    result.add(n === 0 ? base : `${base}-${n}`);
  }
  return result;
}

let broken = 0;
let checked = 0;
for (const file of files) {
  const text = withoutCode(readFileSync(file, 'utf8')).replace(/`[^`\n]*`/g, '');
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(target)) continue; // http:, https:, mailto:
    checked++;
    const [path, anchor] = target.split('#');
    const to = path === '' ? file : resolve(dirname(file), path);
    const where = `${relative(root, file)}: ](${target})`;
    if (!existsSync(to)) {
      console.log(`${where}: no file ${relative(root, to)}`);
      broken++;
      continue;
    }
    if (anchor !== undefined && !(to.endsWith('.md') && slugs(to).has(anchor))) {
      console.log(`${where}: no heading #${anchor}`);
      broken++;
    }
  }
}
console.log(`${checked} relative links checked in ${files.length} files, ${broken} broken`);
process.exit(broken ? 1 : 0);
