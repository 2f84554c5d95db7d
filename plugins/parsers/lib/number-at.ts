/**
 * Reads a printed number inside a line, the way the parsers need it: where it ends, whether a
 * unit follows (`12ms`, `5%`, `2.61G`, `44.2it/s`) and whether it stands on its own. "On its own"
 * is what keeps numbers inside paths (`epoch=3-step=100.ckpt`), versions (`2.1.0`), times
 * (`12:00:00`) and ids (`3f2a`) from being read as metrics.
 */
import { parseMetricNumber } from '../../../src/engine/metrics/number.js';

/** Units printed right after a value; the longest alternatives come first. */
const UNIT = /(?:samples\/s|tokens\/s|tok\/s|img\/s|it\/s|s\/it|\/s|[KMGT]iB|[KMGT]B|[KMGT]|B|ms|us|µs|ns|sec|min|s|h|%|x)/y;

export interface NumberAt {
  value: number;
  /** Index just after the number and its unit. */
  end: number;
}

/** The number starting exactly at `index`, or undefined. Does not check what follows it. */
export function numberAt(line: string, index: number): NumberAt | undefined {
  const end = numberEnd(line, index);
  if (end === -1) return undefined;
  const value = decimalValue(line, index, end);
  if (value === undefined) return undefined;
  let unitEnd = end;
  if (end < line.length && !endsToken(line, end)) {
    UNIT.lastIndex = end;
    const unit = UNIT.exec(line);
    if (unit && endsToken(line, end + unit[0].length)) unitEnd = end + unit[0].length;
  }
  return { value, end: unitEnd };
}

/**
 * The value of the number in `line[from, to)`. Short decimals — nearly all printed metrics — are
 * computed from their digits without cutting a string out of the line: an integer below 2^53
 * divided or multiplied by an exact power of ten up to 10^22 is correctly rounded (Clinger's fast
 * path), so the result equals Number(text). Anything else goes through Number / parseMetricNumber.
 */
function decimalValue(line: string, from: number, to: number): number | undefined {
  let i = from;
  let c = line.charCodeAt(i);
  const negative = c === 45;
  if (c === 45 || c === 43) c = line.charCodeAt(++i);
  if (!isDigit(c) && c !== 46) return parseMetricNumber(line.slice(from, to)); // nan, inf
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  for (; i < to; i++) {
    c = line.charCodeAt(i);
    if (isDigit(c)) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (scale > 0) scale++;
    } else if (c === 46) {
      scale = 1;
    } else {
      break; // an exponent
    }
  }
  let exponent = -(scale > 0 ? scale - 1 : 0);
  if (i < to) {
    const text = line.slice(i + 1, to);
    exponent += Number(text);
  }
  if (digits > 15 || exponent < -22 || exponent > 22) return Number(line.slice(from, to));
  const value = exponent < 0 ? mantissa / POWERS_OF_TEN[-exponent] : mantissa * POWERS_OF_TEN[exponent];
  return negative ? -value : value;
}

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * Where a number starting at `index` ends — `[+-]digits[.digits][e[+-]digits]`, `.5`, or a
 * nan/inf spelling — or -1. Scanned by hand: this runs for every `=` and `:` of every line.
 */
function numberEnd(line: string, index: number): number {
  let i = index;
  let c = line.charCodeAt(i);
  if (c === 43 || c === 45) c = line.charCodeAt(++i); // + -
  const digitsStart = i;
  while (isDigit(c)) c = line.charCodeAt(++i);
  let digits = i - digitsStart;
  if (c === 46 && isDigit(line.charCodeAt(i + 1))) {
    c = line.charCodeAt(++i);
    const fraction = i;
    while (isDigit(c)) c = line.charCodeAt(++i);
    digits += i - fraction;
  }
  if (digits === 0) return notFiniteEnd(line, digitsStart);
  if (c === 101 || c === 69) {
    let j = i + 1;
    const sign = line.charCodeAt(j);
    if (sign === 43 || sign === 45) j++;
    if (isDigit(line.charCodeAt(j))) {
      while (isDigit(line.charCodeAt(j))) j++;
      i = j;
    }
  }
  return i;
}

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
