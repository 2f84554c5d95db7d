/**
 * Reads the repr of a Python dict as `print(logs)` writes it:
 * `{'loss': 0.51, 'learning_rate': 4.9e-05, 'epoch': 0.5}`. Besides numbers it accepts what such
 * dicts contain in practice: `nan`, `inf`, `True`, `None`, strings, lists, tuples, nested dicts,
 * and wrapped scalars — `np.float64(0.91)` (numpy 2's repr), `tensor(0.5, device='cuda:0')`.
 * Only numbers and dicts are kept, unless the dict is a configuration the script echoes
 * (`readPythonConfig`): then strings, booleans and None are kept too, and lists and other calls as
 * their text. Anything it cannot read makes the whole line "not a dict".
 */
import type { ObjectValue } from '../../../src/plugin-api/object-points.js';
import { parseMetricNumber } from '../../../src/plugin-api/metric-number.js';
import { numberAt } from './number-at.js';

const NAME = /[A-Za-z_][\w.]*/y;
const MAX_DEPTH = 16;

/** A value as a configuration holds it: everything kept, lists and calls as their text. */
export type ConfigValue = number | string | boolean | null | { [key: string]: ConfigValue };

class Reader {
  pos = 0;
  /** `keepAll`: read a configuration (ConfigValue), not only numbers (ObjectValue). */
  constructor(
    readonly text: string,
    readonly keepAll = false,
  ) {}

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
  return readDictText(new Reader(text)) as Record<string, ObjectValue> | undefined;
}

/** The dict with every value kept (`{'optimizer': 'adam', 'amp': True}`), or undefined. */
export function readPythonConfig(text: string): Record<string, ConfigValue> | undefined {
  return readDictText(new Reader(text, true));
}

/**
 * argparse's `Namespace(lr=0.001, optimizer='adam')` (any `Name(key=value, …)` of keywords
 * only) as a configuration, or undefined.
 */
export function readPythonKeywords(text: string): Record<string, ConfigValue> | undefined {
  const r = new Reader(text, true);
  try {
    NAME.lastIndex = 0;
    const name = NAME.exec(text);
    if (!name || text.charCodeAt(name[0].length) !== 40 /* ( */) return undefined;
    r.pos = name[0].length + 1;
    const keywords: Record<string, ConfigValue> = {};
    while (!r.eat(')')) {
      r.skipSpace();
      NAME.lastIndex = r.pos;
      const keyword = NAME.exec(text);
      if (!keyword) return undefined;
      r.pos += keyword[0].length;
      r.expect('=');
      keywords[keyword[0]] = readValue(r, 1);
      if (!r.eat(',')) {
        r.expect(')');
        break;
      }
    }
    r.skipSpace();
    return r.pos === text.length ? keywords : undefined;
  } catch {
    return undefined;
  }
}

function readDictText(reader: Reader): Record<string, ConfigValue> | undefined {
  const { text } = reader;
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

function readValue(r: Reader, depth: number): ConfigValue {
  if (depth > MAX_DEPTH) throw new SyntaxError('too deep');
  r.skipSpace();
  const start = r.pos;
  const c = r.text.charCodeAt(start);
  if (c === 123 /* { */) return readDict(r, depth);
  if (c === 91 /* [ */ || c === 40 /* ( */) {
    readSequence(r, c === 91 ? ']' : ')', depth);
    return r.keepAll ? r.text.slice(start, r.pos) : null;
  }
  if (c === 39 /* ' */ || c === 34 /* " */) {
    const text = readString(r);
    return r.keepAll ? text : null;
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
  if (r.text[r.pos] === '(') {
    const first = readCall(r, depth);
    return first === null && r.keepAll ? r.text.slice(start, r.pos) : first;
  }
  if (!r.keepAll) return null;
  // True, None, an enum name…
  return name[0] === 'True' ? true : name[0] === 'False' ? false : name[0] === 'None' ? null : name[0];
}

function readDict(r: Reader, depth: number): Record<string, ConfigValue> {
  r.expect('{');
  const dict: Record<string, ConfigValue> = {};
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
function readCall(r: Reader, depth: number): number | null {
  r.pos++;
  let first: number | null = null;
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
