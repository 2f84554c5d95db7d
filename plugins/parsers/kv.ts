/**
 * Generic `key=value` and `key: value` pairs, several per line, separated by `,` `|` ` - `, tabs
 * or spaces: `epoch=3 loss=0.41 acc=93.1%`, `Epoch 3 | Train Loss: 0.41 | time: 12ms`. The last
 * parser tried by `auto`.
 *
 * `name=value` keys are one word. `Name: value` and `Name = value` keys may be up to three plain
 * words that start the line or follow a separator or a value, which is what tells `Train Loss:
 * 0.41` (a metric) from `in the train set: 800` (prose). A summary is a metric of its own (see
 * metric-names.ts): a qualifier word before the key (`final val_loss=0.4` → `final/val_loss`,
 * `Mean CV accuracy: 0.97` → `mean/accuracy`), or a spread after the value (`Accuracy: 0.98 (+/-
 * 0.01)` → `mean/Accuracy` and `std/Accuracy`). The step is a step/epoch/iter key of the line
 * (`step=1200`), or a word followed by a number (`Epoch 3`, `Epoch [3/10]`). Numbers in
 * timestamps, paths, versions, `file.py:12` places, warnings and tracebacks are not read, and
 * argparse's `Namespace(…)` is echoed configuration.
 */
import type { ParsedLine, ParsedPoint, ParserPlugin } from '../../src/plugin-api/parser.js';
import { endsToken, numberAt, type NumberAt } from './lib/number-at.js';
import { isNeverMetric, stepKeyRank } from '../../src/plugin-api/step-keys.js';
import { summaryName } from '../../src/plugin-api/metric-names.js';
import { contextIn, contextKey, contextOfValue } from './lib/contexts.js';
import { Needle } from './lib/needle.js';
import { parseArgparseEcho } from './lib/argparse-echo.js';
import { isSummaryWord, qualifiedKey, qualifierBefore, spreadAfter } from './lib/summaries.js';

const MAX_KEY_WORDS = 3;
/** Warnings, errors and argparse echoes carry `key=value` text that is not a metric. */
const NOISE_START = /^\s*(?:(?:WARNING|WARN|ERROR|CRITICAL|FATAL|Traceback)\b|File "|Namespace\()/;
const NOISE_CLASS = /\b[A-Z]\w*(?:Warning|Error|Exception)\b/;
const WARNING = new Needle('Warning');
const ERROR = new Needle('Error');
const EXCEPTION = new Needle('Exception');
const STEP_WORD = /(?:^|[^\w/])(epoch|step|iteration|iter)\s*\[?\s*(\d+(?:\.\d+)?)(?:\s*\/\s*(\d+))?\]?(?![\w.])/gi;

export function parseKeyValueLine(line: string): ParsedLine | null {
  let equals = line.indexOf('=');
  let colon = line.indexOf(':');
  if (equals === -1 && colon === -1) return null;
  const found: Found = { points: [], step: null, stepRank: Infinity, context: undefined, firstKey: -1 };
  // from separator to separator, each found by indexOf: far cheaper than looking at every character
  while (equals !== -1 || colon !== -1) {
    const separator = colon === -1 || (equals !== -1 && equals < colon) ? equals : colon;
    const resume = readPair(line, separator, found);
    if (equals !== -1 && equals < resume) equals = line.indexOf('=', resume);
    if (colon !== -1 && colon < resume) colon = line.indexOf(':', resume);
  }
  const { points } = found;
  if (points.length === 0 && found.context === undefined) return null;
  if (isNoise(line)) return null;
  // a context in words (`fold 2: accuracy=…`, `[fold 3/5] loss=…`) is named before the first key
  const context = found.context ?? (points.length > 0 && found.firstKey > 0 ? contextIn(line.slice(0, found.firstKey)) : undefined);
  let step = found.step;
  let inProgress = false;
  if (step === null) ({ step, inProgress } = stepFromWords(line));
  for (const point of points) {
    point.step = step;
    if (inProgress) point.inProgress = true;
  }
  return context === undefined ? { points } : { points, context };
}

/** What a line's pairs gave so far: its metrics, its step with the rank of the key that gave it, its context. */
interface Found {
  points: ParsedPoint[];
  step: number | null;
  stepRank: number;
  context: string | undefined;
  /** Where the first key read starts; -1 before any. */
  firstKey: number;
}

/**
 * Reads the pair around the `=` or `:` at `separator`, if it is one, into `found`. Returns where
 * to look for the next separator: after the value read, else after this separator.
 */
function readPair(line: string, separator: number, found: Found): number {
  let j = separator + 1;
  if (j < line.length && (line.charCodeAt(j) === 61 || line.charCodeAt(j - 2) === 61)) return j; // '=='
  while (j < line.length && line.charCodeAt(j) === 32) j++;
  const number = numberAt(line, j);
  if (!number) return separator + 1;
  // `0.98±0.01` has no space after the value: the spread is looked for first
  const spread = mayFollowSpread(line, number.end) ? spreadAfter(line, number.end) : undefined;
  if (spread === undefined && !endsToken(line, number.end)) return separator + 1;
  const name = keyBefore(line, separator);
  if (name === undefined) return separator + 1;
  if (j === separator + 1 && line.charCodeAt(separator) === 58 && isSourceFile(name)) return separator + 1;
  const start = (line.charCodeAt(separator - 1) === 32 ? separator - 1 : separator) - name.length;
  if (found.firstKey === -1) found.firstKey = start;
  // nearly every pair is a one-word key after a value or a separator (`loss=0.4 acc=0.9`), which
  // no word can qualify: the summaries' checks are kept out of its way
  if (spread !== undefined || followsLetter(line, start) || isProseKey(line, separator, name)) {
    readWords(line, start, name, number.value, spread, found);
    return spread?.end ?? number.end;
  }
  readKey(name, number.value, found);
  return number.end;
}

/** A key as printed: the step, a context (`fold=2`), nothing (a clock, an id) or a metric. */
function readKey(name: string, value: number, found: Found): void {
  const rank = stepKeyRank(name);
  if (rank !== -1) {
    if (rank < found.stepRank) {
      found.stepRank = rank;
      found.step = value;
    }
  } else if (!isNeverMetric(name)) {
    found.points.push({ name, step: null, value });
  } else {
    const word = contextKey(name);
    if (word !== undefined) found.context ??= contextOfValue(word, value);
  }
}

/**
 * A key of several words, a key after a word, or a value with a spread: a summary when a word
 * qualifies the key (`final val_loss=`, `Mean CV accuracy:`) or a spread follows the value, else
 * read as printed (`Train Loss`; `Random seed` opens a context).
 */
function readWords(line: string, start: number, name: string, value: number, spread: NumberAt | undefined, found: Found): void {
  let key = name;
  let qualifier = qualifierBefore(line, start);
  const qualified = qualifier === undefined ? qualifiedKey(name) : null;
  if (qualified !== null) ({ qualifier, key } = qualified);
  if (qualifier === undefined && spread === undefined) {
    const word = contextKey(key);
    if (word === undefined) readKey(key, value, found);
    else found.context ??= contextOfValue(word, value);
  } else if (isNeverMetric(key)) {
    // `best seed=3`: not a metric, summarised or not
  } else if (spread !== undefined) {
    // a value with a spread is a mean (unless the line says otherwise) and its deviation
    found.points.push({ name: summaryName(qualifier ?? 'mean', key), step: null, value });
    found.points.push({ name: summaryName('std', key), step: null, value: spread.value });
  } else {
    found.points.push({ name: summaryName(qualifier!, key), step: null, value });
  }
}

/** A key of several words (`Train Loss`), which only a `key: value` or `key = value` can have. */
function isProseKey(line: string, separator: number, name: string): boolean {
  return (line.charCodeAt(separator) === 58 || line.charCodeAt(separator - 1) === 32) && name.indexOf(' ') !== -1;
}

/** `(`, `+` or `±` right after the value, or after a space: a spread may follow (see spreadAfter). */
function mayFollowSpread(line: string, end: number): boolean {
  let c = line.charCodeAt(end);
  if (c === 32) c = line.charCodeAt(end + 1);
  return c === 40 || c === 43 || c === 177;
}

/** `word key`: a letter, then one space, right before the key at `start`. */
function followsLetter(line: string, start: number): boolean {
  return start >= 2 && line.charCodeAt(start - 1) === 32 && isLetter(line.charCodeAt(start - 2));
}

/**
 * The key ending just before the separator at `sep`, or undefined when it is not a key.
 * `name=value` is code-like: the key is one word, whatever precedes it (`final val_loss=0.4`).
 * `Name: value` and `Name = value` may be prose: a key of plain words (`Train Loss`) has up to
 * three, besides summary words (`Mean cross validation accuracy`), and must start the line or
 * follow a separator or a value, or it is a sentence (`in the train set: 800`).
 */
function keyBefore(line: string, sep: number): string | undefined {
  let end = sep;
  if (end > 0 && line.charCodeAt(end - 1) === 32) end--; // `key = value`
  let pos = end;
  while (pos > 0 && isWordChar(line.charCodeAt(pos - 1))) pos--;
  if (pos === end || !isKeyStart(line.charCodeAt(pos))) return undefined;
  const before = pos === 0 ? -1 : line.charCodeAt(pos - 1);
  // a quote, backtick or backslash right before the key: a string, code or a path, not a metric
  if (before === 34 || before === 39 || before === 96 || before === 92) return undefined;
  // `Name: value` and `Name = value` read like prose; `name=value` like code
  const prose = line.charCodeAt(sep) === 58 || end < sep;
  if (!prose || !isPlainWord(line, pos, end) || before !== 32 || !isWordChar(line.charCodeAt(pos - 2))) {
    return line.slice(pos, end);
  }
  let words = 1;
  for (;;) {
    // here line[pos - 1] is a space and a word precedes it
    let start = pos - 1;
    while (start > 0 && isWordChar(line.charCodeAt(start - 1))) start--;
    if (!isKeyStart(line.charCodeAt(start))) return line.slice(pos, end); // `3 Train Loss`, `- loss`
    if (++words > MAX_KEY_WORDS && !isSummaryWord(line.slice(start, pos - 1))) return undefined;
    pos = start;
    if (pos === 0) return line.slice(0, end);
    const prev = line.charCodeAt(pos - 1);
    if (prev !== 32 || pos < 2 || !isWordChar(line.charCodeAt(pos - 2))) {
      return prev === 34 || prev === 39 || prev === 96 || prev === 92 ? undefined : line.slice(pos, end);
    }
  }
}

function stepFromWords(line: string): { step: number | null; inProgress: boolean } {
  let epoch: number | null = null;
  let other: { value: number; done: number; total: number } | null = null;
  STEP_WORD.lastIndex = 0;
  for (let m = STEP_WORD.exec(line); m; m = STEP_WORD.exec(line)) {
    const value = Number(m[2]);
    if (m[1].toLowerCase() === 'epoch') epoch ??= value;
    else other ??= { value, done: value, total: m[3] === undefined ? NaN : Number(m[3]) };
  }
  // `Epoch [3/10], Step [100/600]`: the step counts batches within the epoch
  if (epoch !== null && other && !Number.isNaN(other.total)) return { step: epoch, inProgress: other.done < other.total };
  return { step: other?.value ?? epoch, inProgress: false };
}

/** `local_rendezvous.cc:404`, `train.py:12`: a place in a source file. */
function isSourceFile(name: string): boolean {
  return name.indexOf('/') !== -1 || /\.[A-Za-z]{1,4}$/.test(name);
}

function isNoise(line: string): boolean {
  let start = 0;
  while (line.charCodeAt(start) === 32) start++;
  const first = line.charCodeAt(start);
  // W(ARNING) E(RROR) C(RITICAL) F(ATAL, ile ") T(raceback) N(amespace(
  if ((first === 87 || first === 69 || first === 67 || first === 70 || first === 84 || first === 78) && NOISE_START.test(line)) return true;
  const named = WARNING.indexIn(line) !== -1 || ERROR.indexIn(line) !== -1 || EXCEPTION.indexIn(line) !== -1;
  return named && NOISE_CLASS.test(line);
}

function isKeyStart(c: number): boolean {
  return isLetter(c) || c === 95;
}

function isPlainWord(line: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isLetter(line.charCodeAt(i))) return false;
  return true;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Letters, digits and `_ . / @ -`: `val_loss`, `Avg.`, `train/loss`, `Acc@1`, `mAP50-95`. */
function isWordChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 47 || c === 64 || c === 45;
}

/**
 * Skips Python tracebacks: their source lines (`    main(lr=0.01)`) hold `key=value` text. An
 * argparse `Namespace(…)` is echoed configuration.
 */
export class KeyValueParser {
  private inTraceback = false;

  parse(line: string): ParsedLine | null {
    if (this.inTraceback) {
      if (line === '' || line.charCodeAt(0) === 32) return { points: [] };
      this.inTraceback = false; // the exception's own line, left to the noise filter
    }
    if (line.startsWith('Traceback (most recent call last)')) {
      this.inTraceback = true;
      return { points: [] };
    }
    return parseArgparseEcho(line) ?? parseKeyValueLine(line);
  }
}

const plugin: ParserPlugin = {
  name: 'kv',
  kind: 'parser',
  description: 'key=value and key: value pairs (`epoch=3 loss=0.41`, `Train Loss: 0.41 | acc: 93%`)',
  create: () => new KeyValueParser(),
};
export default plugin;
