/**
 * The built TUI measures text with fast-string-width in string-width's place (scripts/bundle-ui.mjs:
 * string-width's first non-ASCII call costs ~50 ms of a fresh attach). Ink lays out and truncates
 * with these widths, so they must agree: on every character the UI's sources draw, and on what
 * trials may print or name — CJK, emoji and their sequences, combining marks, ANSI codes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import stringWidth from 'string-width';
import fastStringWidth from 'fast-string-width';
import { describe, expect, it } from 'vitest';

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourcesUnder(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const drawnByTheUi = [
  ...new Set(
    [...sourcesUnder('src/ui'), 'node_modules/asciichart/asciichart.js'].flatMap(
      (file) => readFileSync(file, 'utf8').match(/[^\x00-\x7F]/gu) ?? [],
    ),
  ),
];

const printedByTrials = [
  'val_loss=0.2314 │ lr=3e-4',
  'Epoch 3/10 ━━━━━━━━━━ 12s 40ms/step',
  '100%|██████████| 50/50 [00:12<00:00,  4.01it/s]',
  '学习率 0.01',
  'ｱｲｳ half-width kana',
  '한국어',
  '👍',
  '🇫🇷',
  '👨‍👩‍👧',
  '1️⃣',
  '✈️',
  '®️',
  '⭐',
  '☕',
  '✔',
  '⚠',
  '©',
  '€',
  '¼',
  'Ω',
  'e\u0301',
  'n\u0303o',
  '\x1b[31mred\x1b[39m plain',
  '\x1b[1;38;5;208mbold orange\x1b[0m',
  '\x07',
  '\r',
];

/** Where the two differ, and why that is acceptable: counted one column instead of none. */
const KNOWN_DIFFERENCES = new Map([
  ['x\u200by', { stringWidth: 2, fastStringWidth: 3 }], // zero-width space
  ['\u00ad', { stringWidth: 0, fastStringWidth: 1 }], // soft hyphen (some terminals draw it)
]);

describe('fast-string-width in place of string-width', () => {
  it('found the glyphs the UI draws', () => {
    expect(drawnByTheUi).toEqual(expect.arrayContaining(['│', '▾', '★', '▁', '…', '╭']));
  });

  it.each([...drawnByTheUi, ...printedByTrials])('agrees on %j', (text) => {
    expect(fastStringWidth(text)).toBe(stringWidth(text));
  });

  it.each([...KNOWN_DIFFERENCES])('differs on %j only as recorded', (text, widths) => {
    expect({ stringWidth: stringWidth(text), fastStringWidth: fastStringWidth(text) }).toEqual(widths);
  });
});
