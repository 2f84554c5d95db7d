/**
 * The two marks of a summary inside a line (see src/plugin-api/metric-names.ts), shared by the
 * kv and summary parsers: a qualifier written as a word of its own before the key (`final
 * val_loss=0.4`, `Mean CV accuracy: 0.97`), and a spread written after the value (`0.98 (+/-
 * 0.01)`, `0.98 ± 0.01`). A qualifier inside a one-word key (`best_score`) is part of the key.
 */
import { crossValidationWords, summaryQualifierAt, type SummaryQualifier } from '../../../src/plugin-api/metric-names.js';
import { endsToken, numberAt, type NumberAt } from './number-at.js';

/** The most words a qualifier may stand before its key: itself and `cross validation`. */
const MAX_WORDS_BEFORE_KEY = 3;

/** A qualifier word: `Best`, `avg`, and `Avg.` as scripts abbreviate it. */
export function qualifierWord(word: string): SummaryQualifier | undefined {
  return qualifierAt(word, 0, word.length);
}

/** qualifierWord of the word from `start` to `end` in `line`, without cutting it out. */
export function qualifierAt(line: string, start: number, end: number): SummaryQualifier | undefined {
  return summaryQualifierAt(line, start, line.charCodeAt(end - 1) === 46 ? end - 1 : end);
}

/**
 * A word a summary key may have besides its own words (so that it does not count towards the
 * words a key may have): a qualifier, or part of `cross validation`.
 */
export function isSummaryWord(word: string): boolean {
  return qualifierWord(word) !== undefined || crossValidationWords([word], 0) === 1 || word.toLowerCase() === 'cross';
}

/**
 * A key of several words that opens with a qualifier, as a summary: `Mean CV accuracy` →
 * mean, `accuracy`; `Test Loss` → test, `Loss`. Null for any other key, and for a qualifier
 * with nothing after it but cross-validation words (`Mean CV`).
 */
export function qualifiedKey(key: string): { qualifier: SummaryQualifier; key: string } | null {
  const space = key.indexOf(' ');
  if (space === -1) return null;
  const qualifier = qualifierWord(key.slice(0, space));
  if (qualifier === undefined) return null;
  const words = key.slice(space + 1).split(' ');
  const rest = words.slice(crossValidationWords(words, 0));
  return rest.length === 0 ? null : { qualifier, key: rest.join(' ') };
}

/**
 * The qualifier written as separate words right before the key that starts at `keyStart`:
 * `final val_loss=0.4` → final, `Mean CV val_acc: 0.9` → mean; undefined when there is none.
 */
export function qualifierBefore(line: string, keyStart: number): SummaryQualifier | undefined {
  // nearly every key follows a value or a separator: ruled out by the first character before it
  if (keyStart < 2 || line.charCodeAt(keyStart - 1) !== 32 || !isWordLetter(line.charCodeAt(keyStart - 2))) return undefined;
  let between: string[] | undefined; // cross-validation words, rarely any
  let end = keyStart - 1;
  for (let words = 0; words < MAX_WORDS_BEFORE_KEY; words++) {
    let start = end;
    while (start > 0 && isWordLetter(line.charCodeAt(start - 1))) start--;
    // a word of its own (`val_best loss=` has no qualifier word), that may be a summary's
    if (start === end || (start > 0 && isGlued(line.charCodeAt(start - 1))) || !maySummarise(line, start, end)) return undefined;
    const qualifier = qualifierAt(line, start, end);
    if (qualifier !== undefined)
      return between === undefined || crossValidationWords(between, 0) === between.length ? qualifier : undefined;
    // only cross-validation words may stand between a qualifier and its key
    const word = line.slice(start, end);
    if (!isSummaryWord(word)) return undefined;
    (between ??= []).unshift(word);
    if (start < 2 || line.charCodeAt(start - 1) !== 32) return undefined;
    end = start - 1;
  }
  return undefined;
}

/**
 * Whether the word from `start` to `end` can be a qualifier or a cross-validation word, by its
 * first letter and length alone: most words before a key (`processes. num_workers=8`) are not,
 * and are ruled out without being cut out of the line.
 */
function maySummarise(line: string, start: number, end: number): boolean {
  const length = end - start;
  if (length < 2 || length > 16) return false;
  const first = line.charCodeAt(start) | 32; // lower case
  // b(est) f(inal) t(est) m(ean, in, ax) a(vg, verage) s(td, tdev) c(v, ross…)
  return first === 98 || first === 102 || first === 116 || first === 109 || first === 97 || first === 115 || first === 99;
}

/**
 * The spread written after a value that ends at `index`: ` (+/- 0.01)`, ` ± 0.01`, `±0.01`,
 * ` +- 0.01`, standing on its own; undefined when none follows.
 */
export function spreadAfter(line: string, index: number): NumberAt | undefined {
  let i = index;
  while (line.charCodeAt(i) === 32) i++;
  const inBrackets = line.charCodeAt(i) === 40; // (
  if (inBrackets) while (line.charCodeAt(++i) === 32);
  const c = line.charCodeAt(i);
  if (c === 177)
    i += 1; // ±
  else if (c === 43 && line.charCodeAt(i + 1) === 47 && line.charCodeAt(i + 2) === 45)
    i += 3; // +/-
  else if (c === 43 && line.charCodeAt(i + 1) === 45)
    i += 2; // +-
  else return undefined;
  while (line.charCodeAt(i) === 32) i++;
  const spread = numberAt(line, i);
  if (spread === undefined) return undefined;
  let end = spread.end;
  if (inBrackets) {
    while (line.charCodeAt(end) === 32) end++;
    if (line.charCodeAt(end) !== 41) return undefined; // )
    end++;
  }
  return endsToken(line, end) ? { value: spread.value, end } : undefined;
}

/** Letters, `-` (`cross-validation`) and the `.` of `Avg.`. */
function isWordLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 46;
}

/** A character that makes the word before it part of a longer name (`val_best`, `top1best`). */
function isGlued(c: number): boolean {
  return c === 95 || (c >= 48 && c <= 57) || c === 47 || c === 64;
}
