/**
 * Summary lines printed without a `:` or `=` (those with one are kv's), named as metric-names.ts
 * says:
 *   `mean accuracy 0.9789 +/- 0.0060`   → mean/accuracy, std/accuracy (also `±`, `+-`, `(+/- …)`)
 *   `Mean accuracy 0.97`, `Best val_accuracy 0.9806`   → mean/accuracy, best/val_accuracy
 *   `0.98 accuracy with a standard deviation of 0.01`   → mean/accuracy, std/accuracy
 * (the last as scikit-learn's cross-validation guide prints it). The value, and its spread, end
 * the line. Without a spread, the qualifier must open the line: a number at the end of a sentence
 * that merely contains `best` is not a summary.
 */
import type { ParsedLine, ParsedPoint, ParserPlugin } from '../../src/plugin-api/parser.js';
import { crossValidationWords, summaryName, type SummaryQualifier } from '../../src/plugin-api/metric-names.js';
import { numberAt, numberToken } from './lib/number-at.js';
import { Needle } from './lib/needle.js';
import { qualifierAt, qualifierWord, spreadAfter } from './lib/summaries.js';

const MAX_KEY_WORDS = 3;
/** A qualifier, `cross validation` and the key's own words. */
const MAX_WORDS = MAX_KEY_WORDS + 3;
const DEVIATION = new Needle(' with a standard deviation of ');
const DEVIATION_LINE = /(?:^|\s)(\S+) ((?:[A-Za-z_][\w.@/-]* ){0,2}[A-Za-z_][\w.@/-]*) with a standard deviation of (\S+)$/;

export function parseSummaryLine(line: string): ParsedLine | null {
  // the cheap tests first: nearly every line offered has no spread, and opens with another word
  const mark = spreadMark(line);
  let start = 0;
  while (line.charCodeAt(start) === 32) start++;
  const first = line.charCodeAt(start);
  if (mark === -1 && !isQualifierInitial(first) && !(first >= 48 && first <= 57)) return null;
  if (line.indexOf('=') !== -1) return null; // kv's
  const end = trimEnd(line, line.length);
  if (mark !== -1) return spreadLine(line, mark, end);
  if (first <= 57) return DEVIATION.indexIn(line) === -1 ? null : deviationLine(line.slice(0, end));
  return qualifiedLine(line, start, end);
}

/** The first letter of a qualifier word: best final test mean avg average std stdev min max. */
function isQualifierInitial(c: number): boolean {
  const lower = c | 32;
  return lower === 98 || lower === 102 || lower === 116 || lower === 109 || lower === 97 || lower === 115; // b f t m a s
}

/** Where `±`, `+/-` or `+-` is, or -1. */
function spreadMark(line: string): number {
  const plusMinus = line.indexOf('±');
  if (plusMinus !== -1) return plusMinus;
  for (let plus = line.indexOf('+'); plus !== -1; plus = line.indexOf('+', plus + 1)) {
    const next = line.charCodeAt(plus + 1);
    if (next === 45 || (next === 47 && line.charCodeAt(plus + 2) === 45)) return plus; // +- +/-
  }
  return -1;
}

/** `[qualifier] key 0.97 +/- 0.01` with the spread mark at `mark`, ending the line at `end`. */
function spreadLine(line: string, mark: number, end: number): ParsedLine | null {
  let valueEnd = trimEnd(line, mark);
  if (line.charCodeAt(valueEnd - 1) === 40) valueEnd = trimEnd(line, valueEnd - 1); // (
  const spread = spreadAfter(line, valueEnd);
  if (spread === undefined || spread.end !== end) return null;
  const valueStart = line.lastIndexOf(' ', valueEnd - 1) + 1;
  const value = numberAt(line, valueStart);
  if (value === undefined || value.end !== valueEnd) return null;
  const summary = keyBefore(line, valueStart);
  if (summary === null) return null;
  return { points: meanAndSpread(summary.qualifier ?? 'mean', summary.key, value.value, spread.value) };
}

/** `Mean accuracy 0.97`: a qualifier opens the line (at `start`), the value ends it. */
function qualifiedLine(line: string, start: number, end: number): ParsedLine | null {
  if (line.indexOf(':') !== -1) return null; // `Best val_accuracy: 0.98` is kv's
  const afterWord = line.indexOf(' ', start);
  if (afterWord === -1 || qualifierAt(line, start, afterWord) === undefined) return null;
  const valueStart = line.lastIndexOf(' ', end - 1) + 1;
  if (valueStart <= afterWord + 1) return null;
  const value = numberToken(line.slice(valueStart, end));
  if (value === undefined) return null;
  const summary = keyBefore(line, valueStart);
  // the qualifier found must be the one opening the line, not a word after other words
  if (summary === null || summary.qualifier === undefined || summary.from !== start) return null;
  return { points: [{ name: summaryName(summary.qualifier, summary.key), step: null, value }] };
}

/** `0.98 accuracy with a standard deviation of 0.01`. */
function deviationLine(line: string): ParsedLine | null {
  const m = DEVIATION_LINE.exec(line);
  if (!m) return null;
  const mean = numberToken(m[1]);
  const deviation = numberToken(m[3]);
  if (mean === undefined || deviation === undefined) return null;
  return { points: meanAndSpread('mean', m[2], mean, deviation) };
}

function meanAndSpread(qualifier: SummaryQualifier, key: string, value: number, spread: number): ParsedPoint[] {
  return [
    { name: summaryName(qualifier, key), step: null, value },
    { name: summaryName('std', key), step: null, value: spread },
  ];
}

/**
 * The key of the value starting at `valueStart`: the name-like words before it, back to anything
 * else (`INFO - `, `results:`) or the line's start. The first of them may be a qualifier, and
 * cross-validation words after it are left out (`Mean CV accuracy` → mean, `accuracy`). Null
 * when there is no key, or more words than a key has (a sentence). `from` is where the words start.
 */
function keyBefore(line: string, valueStart: number): { qualifier?: SummaryQualifier; key: string; from: number } | null {
  // the words, last first
  const words: string[] = [];
  let from = valueStart;
  for (let end = trimEnd(line, valueStart); end > 0; end = trimEnd(line, from)) {
    const start = line.lastIndexOf(' ', end - 1) + 1;
    if (!isNameWord(line, start, end)) break;
    if (words.length === MAX_WORDS) return null;
    words.push(line.slice(start, end));
    from = start;
  }
  words.reverse();
  const qualifier = words.length > 1 ? qualifierWord(words[0]) : undefined;
  const keyFrom = qualifier === undefined ? 0 : 1 + crossValidationWords(words, 1);
  const keyWords = words.length - keyFrom;
  if (keyWords === 0 || keyWords > MAX_KEY_WORDS) return null;
  const key = keyWords === 1 ? words[keyFrom] : words.slice(keyFrom).join(' ');
  return { qualifier, key, from };
}

/** `val_accuracy`, `Acc@1`, `top-5`: a letter or `_`, then letters, digits and `_ . @ / -`. */
function isNameWord(line: string, start: number, end: number): boolean {
  if (start === end || !isLetterOr(line.charCodeAt(start), 95)) return false;
  for (let i = start + 1; i < end; i++) {
    const c = line.charCodeAt(i);
    if (!isLetterOr(c, 95) && !(c >= 48 && c <= 57) && c !== 46 && c !== 64 && c !== 47 && c !== 45) return false;
  }
  return true;
}

function isLetterOr(c: number, other: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === other;
}

/** Where the text before `index` ends once the spaces right before `index` are left out. */
function trimEnd(line: string, index: number): number {
  let end = index;
  while (end > 0 && line.charCodeAt(end - 1) === 32) end--;
  return end;
}

const plugin: ParserPlugin = {
  name: 'summary',
  kind: 'parser',
  description:
    'summary lines without `:` or `=`: `mean accuracy 0.97 +/- 0.01`, `Best val_accuracy 0.98`, `0.98 accuracy with a standard deviation of 0.01`',
  create: () => ({ parse: parseSummaryLine, endsWith: '0123456789%)' }),
};
export default plugin;
