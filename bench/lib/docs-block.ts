/**
 * The generated blocks of docs/performance.md: `<!-- bench:NAME -->` … `<!-- /bench:NAME -->`.
 * Only the text between one block's markers is replaced; the hand-written prose around it, and
 * every other block, stay byte for byte as they were.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const opening = (name: string) => `<!-- bench:${name} -->`;
const closing = (name: string) => `<!-- /bench:${name} -->`;

function occurrences(text: string, marker: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) found.push(at);
  return found;
}

/**
 * `text` with block `name`'s content replaced by `body`. Refuses (throws) unless each marker
 * occurs exactly once, opening before closing: guessing which of two blocks is meant, or where a
 * missing one belongs, could overwrite prose.
 */
export function replaceBlock(text: string, name: string, body: string): string {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`block name "${name}": use lower-case letters, digits and -`);
  const starts = occurrences(text, opening(name));
  const ends = occurrences(text, closing(name));
  if (starts.length !== 1 || ends.length !== 1) {
    throw new Error(`${opening(name)} occurs ${starts.length} times and ${closing(name)} ${ends.length} times; each must occur once`);
  }
  const contentStart = starts[0] + opening(name).length;
  if (ends[0] < contentStart) throw new Error(`${closing(name)} comes before ${opening(name)}`);
  return `${text.slice(0, contentStart)}\n${body.trim()}\n${text.slice(ends[0])}`;
}

/** Rewrites block `name` of the file at `path` in place (see replaceBlock). */
export function writeBlock(path: string, name: string, body: string): void {
  writeFileSync(path, replaceBlock(readFileSync(path, 'utf8'), name, body));
}
