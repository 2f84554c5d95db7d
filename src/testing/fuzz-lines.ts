/**
 * Lines to throw at a parser: a format's own lines cut and mutated, random text and bytes, very
 * long lines — what a training's output becomes when a process is killed mid-write, a terminal
 * width wraps a bar, or a framework prints something new.
 */
import { Rng } from '../plugin-api/rng.js';

const ALPHABET = ' \t0123456789.,:;=-+_/|[](){}\'"%eEnaifINF━█▌#*@abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\x1b\b±µ';
/** Characters of other scripts, combining marks, an emoji (a surrogate pair), a BOM and a lone surrogate. */
const UNICODE = ['é', 'ü', 'ß', 'Ω', 'и', '中', '文', 'あ', '\u0301', '🙂', '\ufeff', '\ud800', '\u2028', '\u00a0'];

/** Lines every parser meets sooner or later, tried before any random one. */
export const EDGE_LINES: readonly string[] = [
  '',
  ' ',
  '\t',
  '   \t ',
  '0',
  '-',
  'nan',
  'inf',
  '{}',
  '[]',
  '[',
  '}',
  ':',
  '=',
  '\ufeff',
  '\ud800',
];

/** `count` lines from a generator seeded by `seed`, built from `samples` (a format's own lines). */
export function* fuzzLines(samples: readonly string[], seed: string, count: number): Generator<string> {
  const rng = new Rng(seed);
  const pool = samples.length > 0 ? samples : ['epoch 1 loss 0.5'];
  yield* EDGE_LINES;
  for (let i = 0; i < count; i++) yield fuzzLine(pool, rng);
}

function fuzzLine(samples: readonly string[], rng: Rng): string {
  const sample = () => rng.pick(samples);
  const kind = rng.next();
  if (kind < 0.3) return cut(sample(), rng);
  if (kind < 0.6) return mutate(sample(), rng);
  if (kind < 0.8) return randomLine(rng);
  if (kind < 0.95) return randomBytes(rng);
  return longLine(sample(), rng);
}

const character = (rng: Rng) => (rng.next() < 0.05 ? rng.pick(UNICODE) : ALPHABET[Math.floor(rng.next() * ALPHABET.length)]);

function randomLine(rng: Rng): string {
  let line = '';
  for (let i = Math.floor(rng.next() * 120); i > 0; i--) line += character(rng);
  return line;
}

/** Bytes as sweeptop decodes a log's lines (UTF-8, invalid sequences replaced). */
function randomBytes(rng: Rng): string {
  const bytes = Buffer.from(Array.from({ length: Math.floor(rng.next() * 100) }, () => Math.floor(rng.next() * 256)));
  return bytes.toString('utf8').replace(/[\r\n]/g, ' ');
}

function cut(line: string, rng: Rng): string {
  const from = rng.next() < 0.3 ? Math.floor(rng.next() * line.length) : 0;
  return line.slice(from, from + Math.floor(rng.next() * (line.length + 1)));
}

/** A few edits: a character replaced, inserted or deleted, a piece repeated. */
function mutate(line: string, rng: Rng): string {
  let out = line;
  for (let edits = 1 + Math.floor(rng.next() * 4); edits > 0; edits--) {
    const at = Math.floor(rng.next() * (out.length + 1));
    const edit = rng.next();
    const char = character(rng);
    if (edit < 0.3) out = out.slice(0, at) + char + out.slice(at + 1);
    else if (edit < 0.6) out = out.slice(0, at) + char + out.slice(at);
    else if (edit < 0.8) out = out.slice(0, at) + out.slice(at + 1);
    else out = out.slice(0, at) + out.slice(Math.max(0, at - 8), at) + out.slice(at);
  }
  return out;
}

/** A line of a few thousand characters: a format's line repeated, or padded with spaces and digits. */
function longLine(line: string, rng: Rng): string {
  if (rng.next() < 0.5) return line.repeat(1 + Math.floor(2000 / (line.length + 1)));
  const pad = rng.next() < 0.5 ? ' ' : '9';
  return pad.repeat(1000 + Math.floor(rng.next() * 3000)) + line + pad.repeat(Math.floor(rng.next() * 1000));
}
