import { describe, expect, it } from 'vitest';
import { safeData, safeText } from '../../src/ui/format/safe-text.js';

/** Anything a terminal would obey rather than draw: C0, DEL, C1, and what is not encodable. */
const OBEYED = /[\x00-\x1f\x7f-\x9f\ud800-\udfff]/;

describe('safeText', () => {
  it('shows every byte 0x00–0xff as something drawn, never obeyed', () => {
    for (let byte = 0; byte <= 0xff; byte++) {
      const char = String.fromCharCode(byte);
      // after é, which no escape sequence can take as its final byte
      const shown = safeText(`a${char}é`);
      expect(shown, `byte 0x${byte.toString(16)}`).not.toMatch(OBEYED);
      expect(shown.startsWith('a') && shown.endsWith('é'), `byte 0x${byte.toString(16)}`).toBe(true);
      if (byte >= 0x20 && byte < 0x7f) expect(shown).toBe(`a${char}é`);
      if (byte >= 0xa0) expect(shown).toBe(`a${char}é`);
    }
  });

  it('writes C0 controls and DEL in caret notation, C1 controls as �, a tab as four spaces', () => {
    expect(safeText('\v')).toBe('^K');
    expect(safeText('\x00\x07\b\n\r\x1f')).toBe('^@^G^H^J^M^_');
    expect(safeText('\x7f')).toBe('^?');
    expect(safeText('a\x1b\x01')).toBe('a^[^A');
    expect(safeText('\x85\x9b\x9f')).toBe('���');
    expect(safeText('a\tb')).toBe('a    b');
  });

  it('removes ANSI sequences whole: cursor moves, screen clears, window titles, charset switches', () => {
    expect(safeText('\x1b[2Jx\x1b[Hy')).toBe('xy');
    expect(safeText('\x1b[10;20Hhere')).toBe('here');
    expect(safeText('\x1b]0;title\x07after')).toBe('after');
    expect(safeText('\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\')).toBe('link');
    expect(safeText('\x1b]0;never ends')).toBe('');
    expect(safeText('\x1b7saved\x1b8')).toBe('saved');
    expect(safeText('\x1b(Bplain\x1bc')).toBe('plain');
    expect(safeText('\x1b[31mred\x1b[0m')).toBe('red');
    // an escape that ends the text is no sequence: shown
    expect(safeText('cut\x1b')).toBe('cut^[');
  });

  it('keeps colour (and only colour) for the log view', () => {
    expect(safeText('\x1b[1;31mred\x1b[0m\x1b[2J\x1b[5A', 'colour')).toBe('\x1b[1;31mred\x1b[0m');
    expect(safeText('\x1b[38;5;196mx\x1b[m\v', 'colour')).toBe('\x1b[38;5;196mx\x1b[m^K');
  });

  it('keeps surrogate pairs and U+FFFD, replaces lone surrogates', () => {
    expect(safeText('emoji 😀 ok')).toBe('emoji 😀 ok');
    expect(safeText('\ufffd')).toBe('\ufffd');
    expect(safeText('a\ud800b')).toBe('a\ufffdb');
    expect(safeText('a\udc00b')).toBe('a\ufffdb');
    expect(safeText('\ud83d')).toBe('\ufffd');
  });

  it('draws invalid UTF-8 (every byte 0x80–0xff alone) as �, as it is decoded', () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const shown = safeText(bytes.toString('utf8'));
    expect(shown).not.toMatch(OBEYED);
    expect(shown).toContain('\ufffd');
  });

  it('returns clean text as the same string', () => {
    const text = 'epoch 3/10 loss=0.25 — ünïcödé';
    expect(safeText(text)).toBe(text);
  });
});

describe('safeData', () => {
  it('cleans every string, keys too, and keeps what is clean as it is', () => {
    const clean = { a: [1, 'x'], b: { c: null } };
    expect(safeData(clean)).toBe(clean);
    const dirty = { id: 3, params: { 'l\vr': 'x\x1b[2J' }, stderrTail: ['ok', 'bad\x07'], nested: clean };
    const safe = safeData(dirty);
    expect(safe).toEqual({ id: 3, params: { 'l^Kr': 'x' }, stderrTail: ['ok', 'bad^G'], nested: clean });
    expect(safe.nested).toBe(clean);
    expect(dirty.params).toEqual({ 'l\vr': 'x\x1b[2J' });
  });

  it('keeps a `__proto__` key as data', () => {
    const parsed = JSON.parse('{"__proto__": "\\u000b", "x": 1}') as Record<string, unknown>;
    const safe = safeData(parsed);
    expect(Object.getPrototypeOf(safe)).toBe(Object.prototype);
    expect(Object.entries(safe)).toEqual([
      ['__proto__', '^K'],
      ['x', 1],
    ]);
  });
});
