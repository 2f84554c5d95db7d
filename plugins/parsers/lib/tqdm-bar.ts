/**
 * The anatomy of a tqdm progress bar line, shared by the tqdm, Lightning and Ultralytics parsers:
 *
 *   {desc}: {percentage}%|{bar}| {n}/{total} [{elapsed}<{remaining}, {rate}{, postfix}]
 *   {desc}: {n}{unit} [{elapsed}, {rate}{, postfix}]                      (no known total)
 *
 * `set_postfix(loss=0.123, acc=0.9)` prints the postfix as `loss=0.123, acc=0.9`.
 */

export interface TqdmBar {
  /** Text before the percentage or the count, without its trailing `: `; '' when none. */
  desc: string;
  n: number;
  /** NaN when the bar has no total. */
  total: number;
  /** The part after the rate inside the brackets; '' when none. */
  postfix: string;
}

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
  const open = line.lastIndexOf(' [', last);
  if (open === -1 || !isElapsed(line, open + 2)) return null;
  // inside the brackets: the time, then the rate (`44.20it/s`, `1.23s/it`, `?it/s`), then the postfix
  const afterTime = line.indexOf(', ', open + 2);
  if (afterTime === -1 || afterTime > last) return null;
  const afterRate = line.indexOf(', ', afterTime + 2);
  const rateEnd = afterRate === -1 || afterRate > last ? last : afterRate;
  if (line.lastIndexOf('/', rateEnd) < afterTime) return null;
  const postfix = rateEnd === last ? '' : line.slice(afterRate + 2, last);
  const percent = line.lastIndexOf('%|', open);
  if (percent !== -1) {
    const countsStart = line.lastIndexOf('| ', open) + 2;
    const slash = line.indexOf('/', countsStart);
    if (countsStart < 2 || slash === -1 || slash > open) return null;
    let descEnd = percent;
    for (let c = line.charCodeAt(descEnd - 1); (c >= 48 && c <= 57) || c === 46 || c === 32; c = line.charCodeAt(descEnd - 1)) descEnd--;
    const desc = line.slice(0, descEnd).replace(/:\s*$/, '').trim();
    return { desc, n: scaled(line.slice(countsStart, slash)), total: scaled(line.slice(slash + 1, open)), postfix };
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

/** tqdm's `unit_scale` prints `1.23k`. */
function scaled(text: string): number {
  const suffix = 'kMGT'.indexOf(text[text.length - 1]);
  return suffix === -1 ? Number(text) : Number(text.slice(0, -1)) * 1000 ** (suffix + 1);
}

/** `loss=0.123, acc=0.9` → [['loss', '0.123'], ['acc', '0.9']]; items without `=` are skipped. */
export function postfixPairs(postfix: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  if (postfix === '') return pairs;
  for (const item of postfix.split(', ')) {
    const eq = item.indexOf('=');
    if (eq > 0) pairs.push([item.slice(0, eq).trim(), item.slice(eq + 1).trim()]);
  }
  return pairs;
}

/** The epoch/step number a bar's description names: `Epoch 3`, `epoch 3/10`, `Step 12`. */
export function stepInDesc(desc: string): number | null {
  const m = /(?:^|\W)(?:epoch|step|iter(?:ation)?)\s*\[?\s*(\d+(?:\.\d+)?)/i.exec(desc);
  return m ? Number(m[1]) : null;
}
