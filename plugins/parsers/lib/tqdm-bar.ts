/**
 * The anatomy of a tqdm progress bar line, shared by the tqdm, Lightning and Ultralytics parsers:
 *
 *   {desc}: {percentage}%|{bar}| {n}/{total} [{elapsed}<{remaining}, {rate}{, postfix}]
 *   {desc}: {n}{unit} [{elapsed}, {rate}{, postfix}]                      (no known total)
 *
 * `set_postfix(loss=0.123, acc=0.9)` prints the postfix as `loss=0.123, acc=0.9`.
 */
import { Needle } from './needle.js';
import { numberAt, numberToken } from './number-at.js';

export interface TqdmBar {
  /** Text before the percentage or the count, without its trailing `: `; '' when none. */
  desc: string;
  n: number;
  /** NaN when the bar has no total. */
  total: number;
  /** The part after the rate inside the brackets; '' when none. */
  postfix: string;
}

const BRACKET = new Needle(' [');
const COMMA = new Needle(', ');
const PERCENT = new Needle('%|');
const BAR_END = new Needle('| ');
const NO_TOTAL = /^(?:(.*?): ?)?(\d+(?:\.\d+)?[kMGT]?)[A-Za-z]* \[/;

let lastLine: string | null = null;
let lastBar: TqdmBar | null = null;

/**
 * The bar in `line`, or null. The Lightning, Ultralytics and tqdm parsers all ask about the same
 * line in turn, so the last answer is kept.
 */
export function parseTqdmBar(line: string): TqdmBar | null {
  if (line !== lastLine) {
    lastLine = line;
    lastBar = readBar(line);
  }
  return lastBar;
}

function readBar(line: string): TqdmBar | null {
  let last = line.length - 1;
  while (last > 0 && line.charCodeAt(last) === 32) last--;
  if (line.charCodeAt(last) !== 93 /* ] */) return null;
  const open = BRACKET.lastIndexIn(line, last);
  if (open === -1 || !isElapsed(line, open + 2)) return null;
  // inside the brackets: the time, then the rate (`44.20it/s`, `1.23s/it`, `?it/s`), then the postfix
  const afterTime = COMMA.indexIn(line, open + 2);
  if (afterTime === -1 || afterTime > last) return null;
  const afterRate = COMMA.indexIn(line, afterTime + 2);
  const rateEnd = afterRate === -1 || afterRate > last ? last : afterRate;
  // the rate has a `/` (`it/s`, `s/it`); a forward search, as lastIndexOf is slow
  const rateSlash = line.indexOf('/', afterTime);
  if (rateSlash === -1 || rateSlash > rateEnd) return null;
  const postfix = rateEnd === last ? '' : line.slice(afterRate + 2, last);
  const percent = PERCENT.lastIndexIn(line, open);
  if (percent !== -1) {
    const countsStart = BAR_END.lastIndexIn(line, open) + 2;
    const slash = line.indexOf('/', countsStart);
    if (countsStart < 2 || slash === -1 || slash > open) return null;
    let descEnd = percent;
    for (let c = line.charCodeAt(descEnd - 1); (c >= 48 && c <= 57) || c === 46 || c === 32; c = line.charCodeAt(descEnd - 1)) descEnd--;
    return { desc: descBefore(line, descEnd), n: countIn(line, countsStart, slash), total: countIn(line, slash + 1, open), postfix };
  }
  const m = NO_TOTAL.exec(line.slice(0, open + 2));
  if (!m) return null;
  return { desc: (m[1] ?? '').trim(), n: scaled(m[2]), total: NaN, postfix };
}

/** `00:05<`, `1:02:03,` (the elapsed time that opens the brackets), by character codes. */
function isElapsed(line: string, at: number): boolean {
  let colons = 0;
  let i = at;
  for (let c = line.charCodeAt(i); (c >= 48 && c <= 57) || c === 58; c = line.charCodeAt(++i)) if (c === 58) colons++;
  const end = line.charCodeAt(i);
  return colons > 0 && i - at >= 4 && (end === 60 || end === 44); // '<' or ','
}

/** `line[0, end)` without a trailing `:` and the white space around it: `Epoch 3: ` → `Epoch 3`. */
function descBefore(line: string, end: number): string {
  let beforeSpace = end;
  while (beforeSpace > 0 && isWhiteSpace(line.charCodeAt(beforeSpace - 1))) beforeSpace--;
  const colon = beforeSpace > 0 && line.charCodeAt(beforeSpace - 1) === 58;
  return line.slice(0, colon ? beforeSpace - 1 : end).trim();
}

/** What `\s` matches and `trim` removes. */
function isWhiteSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c >= 0x80 && WHITE_SPACE.test(String.fromCharCode(c)));
}

const WHITE_SPACE = /\s/;

/** The count in `line[from, to)`: plain digits, nearly always, are read in place. */
function countIn(line: string, from: number, to: number): number {
  if (to - from < 1 || to - from > 15) return scaled(line.slice(from, to));
  let value = 0;
  for (let i = from; i < to; i++) {
    const c = line.charCodeAt(i);
    if (c < 48 || c > 57) return scaled(line.slice(from, to));
    value = value * 10 + (c - 48);
  }
  return value;
}

/** tqdm's `unit_scale` prints `1.23k`. */
function scaled(text: string): number {
  const suffix = 'kMGT'.indexOf(text[text.length - 1]);
  return suffix === -1 ? Number(text) : Number(text.slice(0, -1)) * 1000 ** (suffix + 1);
}

/**
 * `loss=0.123, acc=0.9` → take('loss', 0.123), take('acc', 0.9): each item's key and its value as
 * a number (as numberToken reads it; undefined when it is not one), in order, without an array of
 * pairs. Items without `=` are skipped.
 */
export function forEachPostfixNumber(postfix: string, take: (key: string, value: number | undefined) => void): void {
  if (postfix === '') return;
  // item by item as split(', ') would cut them, without the array of items
  for (let start = 0; start <= postfix.length; ) {
    const comma = COMMA.indexIn(postfix, start);
    const end = comma === -1 ? postfix.length : comma;
    const eq = postfix.indexOf('=', start);
    if (eq > start && eq < end) take(postfix.slice(start, eq).trim(), itemValue(postfix, eq + 1, end));
    start = end + 2;
  }
}

/**
 * numberToken(postfix.slice(from, to)), read in place: the item ends where the postfix does or
 * at `, `, and either ends a number as the end of a text does.
 */
function itemValue(postfix: string, from: number, to: number): number | undefined {
  let start = from;
  let end = to;
  while (start < end && postfix.charCodeAt(start) === 32) start++;
  while (end > start && postfix.charCodeAt(end - 1) === 32) end--;
  let value: number | undefined;
  if (start < end && !isWhiteSpace(postfix.charCodeAt(start)) && !isWhiteSpace(postfix.charCodeAt(end - 1))) {
    const found = numberAt(postfix, start);
    value = found && found.end === end ? found.value : undefined;
  } else {
    value = numberToken(postfix.slice(from, to)); // other white space: as trim() has it
  }
  return value ?? paddedNotFinite(postfix.slice(from, to).trim());
}

/** Lightning pads floats to 5 characters, so NaN prints as `nan.0`, which no number reads. */
function paddedNotFinite(text: string): number | undefined {
  return PADDED_NOT_FINITE.test(text) ? numberToken(text.slice(0, text.indexOf('.'))) : undefined;
}

const PADDED_NOT_FINITE = /^[+-]?(?:nan|inf)\.0*$/i;

const STEP_IN_DESC = /(?:^|\W)(?:epoch|step|iter(?:ation)?)\s*\[?\s*(\d+(?:\.\d+)?)/i;

let lastDesc: string | null = null;
let lastDescStep: number | null = null;

/**
 * The epoch/step number a bar's description names: `Epoch 3`, `epoch 3/10`, `Step 12`. A bar
 * keeps its description over hundreds of redraws, so the last answer is kept.
 */
export function stepInDesc(desc: string): number | null {
  if (desc !== lastDesc) {
    const m = STEP_IN_DESC.exec(desc);
    lastDesc = desc;
    lastDescStep = m ? Number(m[1]) : null;
  }
  return lastDescStep;
}
