/**
 * Reads the repr of a Python dict as `print(logs)` writes it:
 * `{'loss': 0.51, 'learning_rate': 4.9e-05, 'epoch': 0.5}`. Besides numbers it accepts what such
 * dicts contain in practice: `nan`, `inf`, `True`, `None`, strings, lists, tuples, nested dicts,
 * and wrapped scalars — `np.float64(0.91)` (numpy 2's repr), `tensor(0.5, device='cuda:0')`.
 * Only numbers and dicts are kept; anything it cannot read makes the whole line "not a dict".
 */
import type { ObjectValue } from '../../../src/plugin-api/object-points.js';
import { parseMetricNumber } from '../../../src/plugin-api/metric-number.js';
import { numberAt } from './number-at.js';

const NAME = /[A-Za-z_][\w.]*/y;
const MAX_DEPTH = 16;

class Reader {
  pos = 0;
  constructor(readonly text: string) {}

  skipSpace(): void {
    while (this.pos < this.text.length && this.text.charCodeAt(this.pos) <= 32) this.pos++;
  }

  /** `char` (one character) is next, after any white space: it is read. */
  eat(char: string): boolean {
    this.skipSpace();
    // compared as a code: `text[pos]` would make a one-character string each time
    if (this.text.charCodeAt(this.pos) !== char.charCodeAt(0)) return false;
    this.pos++;
    return true;
  }

  expect(char: string): void {
    if (!this.eat(char)) throw new SyntaxError(`expected ${char} at ${this.pos}`);
  }
}

/** The dict, or undefined when `text` is not exactly one dict repr. */
export function readPythonDict(text: string): Record<string, ObjectValue> | undefined {
  const reader = new Reader(text);
  try {
    reader.skipSpace();
    if (text.charCodeAt(reader.pos) !== 123 /* { */) return undefined;
    const value = readValue(reader, 0);
    reader.skipSpace();
    if (reader.pos !== text.length || value === null || typeof value !== 'object') return undefined;
    return value;
  } catch {
    return undefined;
  }
}

function readValue(r: Reader, depth: number): ObjectValue {
  if (depth > MAX_DEPTH) throw new SyntaxError('too deep');
  r.skipSpace();
  const start = r.pos;
  const c = r.text.charCodeAt(start);
  if (c === 123 /* { */) return readDict(r, depth);
  if (c === 91 /* [ */ || c === 40 /* ( */) {
    readSequence(r, c === 91 ? ']' : ')', depth);
    return null;
  }
  if (c === 39 /* ' */ || c === 34 /* " */) {
    readString(r);
    return null;
  }
  const number = numberAt(r.text, r.pos);
  if (number) {
    r.pos = number.end;
    return number.value;
  }
  let sign = '';
  if (c === 45 /* - */ || c === 43 /* + */) {
    sign = r.text[start];
    r.pos++;
  }
  NAME.lastIndex = r.pos;
  const name = NAME.exec(r.text);
  if (!name) throw new SyntaxError(`unexpected ${r.text[start]} at ${r.pos}`);
  r.pos += name[0].length;
  const special = parseMetricNumber(sign + name[0]);
  if (special !== undefined) return special;
  if (r.text[r.pos] === '(') return readCall(r, depth);
  return null; // True, None, an enum name…
}

function readDict(r: Reader, depth: number): Record<string, ObjectValue> {
  r.expect('{');
  const dict: Record<string, ObjectValue> = {};
  while (!r.eat('}')) {
    r.skipSpace();
    const quote = r.text.charCodeAt(r.pos);
    const key = quote === 39 /* ' */ || quote === 34 /* " */ ? readString(r) : String(readValue(r, depth + 1));
    r.expect(':');
    dict[key] = readValue(r, depth + 1);
    if (!r.eat(',')) {
      r.expect('}');
      break;
    }
  }
  return dict;
}

function readSequence(r: Reader, close: string, depth: number): void {
  r.pos++;
  while (!r.eat(close)) {
    readValue(r, depth + 1);
    if (!r.eat(',')) {
      r.expect(close);
      break;
    }
  }
}

/** `np.float64(0.91)`, `tensor(0.5, device='cuda:0')`: the first argument, when a number. */
function readCall(r: Reader, depth: number): ObjectValue {
  r.pos++;
  let first: ObjectValue = null;
  let index = 0;
  while (!r.eat(')')) {
    r.skipSpace();
    NAME.lastIndex = r.pos;
    const keyword = NAME.exec(r.text);
    if (keyword && r.text[r.pos + keyword[0].length] === '=') r.pos += keyword[0].length + 1;
    const value = readValue(r, depth + 1);
    if (index++ === 0 && typeof value === 'number') first = value;
    if (!r.eat(',')) {
      r.expect(')');
      break;
    }
  }
  return first;
}

function readString(r: Reader): string {
  const quote = r.text[r.pos];
  const close = r.text.indexOf(quote, r.pos + 1);
  const escape = r.text.indexOf('\\', r.pos + 1);
  if (close !== -1 && (escape === -1 || escape > close)) {
    const out = r.text.slice(r.pos + 1, close);
    r.pos = close + 1;
    return out;
  }
  let out = '';
  for (let i = r.pos + 1; i < r.text.length; i++) {
    const c = r.text[i];
    if (c === '\\') {
      out += r.text[++i] ?? '';
    } else if (c === quote) {
      r.pos = i + 1;
      return out;
    } else {
      out += c;
    }
  }
  throw new SyntaxError('unterminated string');
}
