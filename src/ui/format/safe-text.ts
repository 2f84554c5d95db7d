/**
 * Text a trial wrote (its output, a parameter value, the reason it ended, a metric's name) made
 * safe for a terminal cell. A terminal obeys control bytes wherever they come from: a vertical tab
 * moves the cursor, `ESC [ 2 J` clears the screen, `ESC ] 0 ; … BEL` retitles the window — and the
 * TUI's header and table are drawn over by the next frame only where Ink thinks something changed.
 * So every control character is shown, never obeyed:
 * - C0 controls as caret notation (`^K`, `^[`, `^M`), DEL as `^?`; a tab as four spaces (a
 *   terminal's tab stops depend on the column, which Ink does not know);
 * - C1 controls (U+0080–U+009F: `U+009B` is an 8-bit CSI to some terminals) and lone surrogates
 *   (not encodable, so not drawable) as `�`; invalid UTF-8 was already decoded to `�`;
 * - ANSI escape sequences removed whole; with `keep: 'colour'` (the log view) colour and style
 *   (SGR, `ESC [ … m`) stay, which move nothing.
 * Text that needs none of this is returned as it is (the same string), so callers may apply it to
 * everything cheaply.
 */

const UNSAFE = /[\x00-\x1f\x7f-\x9f\ud800-\udfff]/;
// CSI (`ESC [ … final`), OSC (`ESC ] … BEL|ESC \`, to the end of the text when unterminated), and
// the other escapes (`ESC` + intermediate bytes + one final byte: `ESC 7`, `ESC ( B`, `ESC c`).
const ESCAPE = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[ -/]*[0-~])/y;
const COLOUR = /^\x1b\[[0-9;:]*m$/;

export type SafeTextKeep = 'nothing' | 'colour';

export function safeText(text: string, keep: SafeTextKeep = 'nothing'): string {
  if (!UNSAFE.test(text)) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x1b) {
      ESCAPE.lastIndex = i;
      const escape = ESCAPE.exec(text);
      if (escape) {
        if (keep === 'colour' && COLOUR.test(escape[0])) out += escape[0];
        i += escape[0].length;
        continue;
      }
    }
    if (code === 0x09) out += '    ';
    else if (code < 0x20) out += '^' + String.fromCharCode(code + 0x40);
    else if (code === 0x7f) out += '^?';
    else if (code >= 0x80 && code <= 0x9f) out += '\ufffd';
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      out += text[i] + text[i + 1];
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) out += '\ufffd';
    else out += text[i];
    i++;
  }
  return out;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * `safeText` over every string (keys too: metric and parameter names) in plain data such as an
 * engine event. Parts that need no change are returned as they are, so an unchanged event keeps
 * its identity.
 */
export function safeData<T>(value: T): T {
  if (typeof value === 'string') return safeText(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const safe = safeData(value[i]);
      if (safe !== value[i]) (copy ??= value.slice())[i] = safe;
    }
    return (copy ?? value) as T;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const source = value as Record<string, unknown>;
  const keys = Object.keys(source);
  let copy: Record<string, unknown> | null = null;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const safeKey = safeText(key);
    const safeItem = safeData(source[key]);
    if (copy === null && (safeKey !== key || safeItem !== source[key])) {
      copy = {};
      for (let j = 0; j < i; j++) define(copy, keys[j], source[keys[j]]);
    }
    if (copy !== null) define(copy, safeKey, safeItem);
  }
  return (copy ?? value) as T;
}

/** As an own property even when the key is `__proto__` (JSON.parse makes such keys). */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
