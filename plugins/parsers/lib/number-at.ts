/**
 * Reads a printed number inside a line, the way the parsers need it: where it ends, whether a
 * unit follows (`12ms`, `5%`, `2.61G`, `44.2it/s`) and whether it stands on its own. "On its own"
 * is what keeps numbers inside paths (`epoch=3-step=100.ckpt`), versions (`2.1.0`), times
 * (`12:00:00`) and ids (`3f2a`) from being read as metrics.
 */
import { parseMetricNumber } from '../../../src/plugin-api/metric-number.js';

/** Units printed right after a value; the longest alternatives come first. */
const UNIT = /(?:samples\/s|tokens\/s|tok\/s|img\/s|it\/s|s\/it|\/s|[KMGT]iB|[KMGT]B|[KMGT]|B|ms|us|µs|ns|sec|min|s|h|%|x)/y;
/** Marks (by character code) the characters a unit can start with: after any other, UNIT is not tried. */
const UNIT_STARTS = new Uint8Array(256);
for (const char of 'stiKMGTBmuµnh%x/') UNIT_STARTS[char.charCodeAt(0)] = 1;

function mayStartUnit(c: number): boolean {
  return c < 256 && UNIT_STARTS[c] === 1;
}

export interface NumberAt {
  value: number;
  /** Index just after the number and its unit. */
  end: number;
}

/**
 * The number starting exactly at `index`, or undefined. Does not check what follows it.
 *
 * One pass over `[+-]digits[.digits][e[+-]digits]`, `.5`, or a nan/inf spelling: this runs for
 * every `=` and `:` of every line. Short decimals — nearly all printed metrics — are computed from
 * their digits as they are read, without cutting a string out of the line: an integer below 2^53
 * divided or multiplied by an exact power of ten up to 10^22 is correctly rounded (Clinger's fast
 * path), so the result equals Number(text). Anything else goes through Number / parseMetricNumber.
 */
export function numberAt(line: string, index: number): NumberAt | undefined {
  let i = index;
  let c = line.charCodeAt(i);
  const negative = c === 45;
  if (c === 43 || c === 45) c = line.charCodeAt(++i); // + -
  const digitsStart = i;
  let mantissa = 0;
  for (; isDigit(c); c = line.charCodeAt(++i)) mantissa = mantissa * 10 + (c - 48);
  let fractionDigits = 0;
  if (c === 46 && isDigit(line.charCodeAt(i + 1))) {
    const fractionStart = i + 1;
    for (c = line.charCodeAt(++i); isDigit(c); c = line.charCodeAt(++i)) mantissa = mantissa * 10 + (c - 48);
    fractionDigits = i - fractionStart;
  }
  const digits = fractionDigits > 0 ? i - digitsStart - 1 : i - digitsStart;
  let exponent = -fractionDigits;
  let end = i;
  let value: number | undefined;
  if (digits === 0) {
    end = notFiniteEnd(line, digitsStart);
    if (end === -1) return undefined;
    value = parseMetricNumber(line.slice(index, end));
    if (value === undefined) return undefined;
  } else {
    if (c === 101 || c === 69) end = exponentEnd(line, i); // e E
    if (end > i) exponent += exponentValue(line, i + 1, end);
    if (digits > 15 || exponent < -22 || exponent > 22) {
      value = Number(line.slice(index, end));
    } else {
      value = exponent < 0 ? mantissa / POWERS_OF_TEN[-exponent] : mantissa * POWERS_OF_TEN[exponent];
      if (negative) value = -value;
    }
  }
  let unitEnd = end;
  if (end < line.length && !endsToken(line, end) && mayStartUnit(line.charCodeAt(end))) {
    UNIT.lastIndex = end;
    // `test` rather than `exec`: where the unit ends is all that is needed, and no match is built
    if (UNIT.test(line) && endsToken(line, UNIT.lastIndex)) unitEnd = UNIT.lastIndex;
  }
  return { value, end: unitEnd };
}

/** Where the exponent starting with the `e` at `at` ends; `at` itself when no digits follow. */
function exponentEnd(line: string, at: number): number {
  let j = at + 1;
  const sign = line.charCodeAt(j);
  if (sign === 43 || sign === 45) j++;
  if (!isDigit(line.charCodeAt(j))) return at;
  while (isDigit(line.charCodeAt(j))) j++;
  return j;
}

/** The `[+-]digits` after an `e`, which exponentEnd has checked. */
function exponentValue(line: string, from: number, to: number): number {
  const sign = line.charCodeAt(from);
  let i = sign === 45 || sign === 43 ? from + 1 : from;
  let value = 0;
  for (; i < to; i++) value = value * 10 + (line.charCodeAt(i) - 48);
  return sign === 45 ? -value : value;
}

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

const NOT_FINITE_WORDS = ['Infinity', 'infinity', 'nan', 'NaN', 'NAN', 'inf', 'Inf', 'INF'];

function notFiniteEnd(line: string, index: number): number {
  const c = line.charCodeAt(index);
  if (c !== 110 && c !== 78 && c !== 105 && c !== 73) return -1; // n N i I
  for (const word of NOT_FINITE_WORDS) {
    if (line.startsWith(word, index) && !isLetter(line.charCodeAt(index + word.length))) return index + word.length;
  }
  return -1;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * True when a value ending at `index` stands on its own: the line ends, or a space, a list
 * separator or a closing bracket follows, or a full stop that ends a sentence.
 */
export function endsToken(line: string, index: number): boolean {
  if (index >= line.length) return true;
  const c = line.charCodeAt(index);
  // `66,955,010`: a thousands separator, not the end of the number
  if (c === 44) return !isDigit(line.charCodeAt(index + 1));
  // space, tab, ; | ) ] }
  if (c === 32 || c === 9 || c === 59 || c === 124 || c === 41 || c === 93 || c === 125) return true;
  if (c === 46) {
    const next = line.charCodeAt(index + 1);
    return index + 1 >= line.length || next === 32 || next === 9;
  }
  return false;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The whole of `text` (trimmed) as one number with an optional unit, or undefined. */
export function numberToken(text: string): number | undefined {
  const trimmed = text.trim();
  const found = numberAt(trimmed, 0);
  return found && found.end === trimmed.length ? found.value : undefined;
}
