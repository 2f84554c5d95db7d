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
import { numberToken } from './lib/number-at.js';
import { Needle } from './lib/needle.js';
import { qualifierWord, spreadAfter } from './lib/summaries.js';

const MAX_KEY_WORDS = 3;
/** A qualifier, `cross validation` and the key's own words. */
const MAX_WORDS = MAX_KEY_WORDS + 3;
/** The first letters of the qualifier words (best final test mean avg average std stdev min max). */
const QUALIFIER_INITIALS = 'bBfFtTmMaAsS';
const DEVIATION = new Needle(' with a standard deviation of ');
const DEVIATION_LINE = /(?:^|\s)(\S+) ((?:[A-Za-z_][\w.@/-]* ){0,2}[A-Za-z_][\w.@/-]*) with a standard deviation of (\S+)$/;
const NAME_WORD = /^[A-Za-z_][\w.@/-]*$/;

export function parseSummaryLine(line: string): ParsedLine | null {
  if (line.indexOf('=') !== -1) return null; // kv's
  const end = trimEnd(line, line.length);
  const mark = spreadMark(line);
  if (mark !== -1) return spreadLine(line, mark, end);
  if (DEVIATION.indexIn(line) !== -1) return deviationLine(line.slice(0, end));
  return qualifiedLine(line, end);
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
  const value = numberToken(line.slice(valueStart, valueEnd));
  if (value === undefined) return null;
  const summary = keyBefore(line, valueStart);
  if (summary === null) return null;
  return { points: meanAndSpread(summary.qualifier ?? 'mean', summary.key, value, spread.value) };
}

/** `Mean accuracy 0.97`: a qualifier opens the line, the value ends it. */
function qualifiedLine(line: string, end: number): ParsedLine | null {
  let start = 0;
  while (line.charCodeAt(start) === 32) start++;
  if (QUALIFIER_INITIALS.indexOf(line[start]) === -1) return null;
  const afterWord = line.indexOf(' ', start);
  if (afterWord === -1 || qualifierWord(line.slice(start, afterWord)) === undefined) return null;
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
  const words: string[] = [];
  let from = valueStart;
  for (let end = trimEnd(line, valueStart); end > 0; end = trimEnd(line, from)) {
    const start = line.lastIndexOf(' ', end - 1) + 1;
    const word = line.slice(start, end);
    if (!NAME_WORD.test(word)) break;
    if (words.length === MAX_WORDS) return null;
    words.unshift(word);
    from = start;
  }
  const qualifier = words.length > 1 ? qualifierWord(words[0]) : undefined;
  const key = qualifier === undefined ? words : words.slice(1 + crossValidationWords(words, 1));
  return key.length === 0 || key.length > MAX_KEY_WORDS ? null : { qualifier, key: key.join(' '), from };
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
  description: 'summary lines without `:` or `=`: `mean accuracy 0.97 +/- 0.01`, `Best val_accuracy 0.98`, `0.98 accuracy with a standard deviation of 0.01`',
  create: () => ({ parse: parseSummaryLine, endsWith: '0123456789%)' }),
};
export default plugin;
