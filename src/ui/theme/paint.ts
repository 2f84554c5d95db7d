/**
 * Colours written as ANSI codes into a string, for lines drawn as one <Text>. Each nested <Text>
 * is a node Ink lays out and styles again on every frame; a table row or the footer as a single
 * string is several times cheaper (bench/tui.ts). Only the theme's colour names are used, and the
 * plain theme has none, so NO_COLOR still means no colour.
 */
import type { Colour } from './theme.js';

const FOREGROUND: Record<string, number> = {
  black: 30,
  red: 31,
  green: 32,
  yellow: 33,
  blue: 34,
  magenta: 35,
  cyan: 36,
  white: 37,
  gray: 90,
  grey: 90,
};

export function paint(text: string, colour?: Colour, bold = false): string {
  if (text === '') return text;
  const code = colour ? FOREGROUND[colour] : undefined;
  let out = text;
  if (code !== undefined) out = `\x1b[${code}m${out}\x1b[39m`;
  if (bold) out = `\x1b[1m${out}\x1b[22m`;
  return out;
}

/** The text without the codes `paint` adds: what takes room on the screen. */
export function unpainted(text: string): string {
  return text.replace(/\x1b\[\d+m/g, '');
}

/** Faint text (SGR 2): what is the same everywhere and can be read past. Not a colour, so kept under NO_COLOR. */
export function dim(text: string): string {
  return text === '' ? text : `\x1b[2m${text}\x1b[22m`;
}
