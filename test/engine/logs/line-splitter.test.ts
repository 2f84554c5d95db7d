import { describe, expect, it } from 'vitest';
import { CUT_TAIL_BYTES, LineSplitter } from '../../../src/engine/logs/line-splitter.js';
import { readableParts } from '../../../src/engine/logs/cut-line.js';
import { cleanLine } from '../../../src/engine/logs/clean-line.js';

function splitAll(chunks: Array<string | Buffer>, max?: number) {
  const splitter = new LineSplitter(0, max);
  const lines = chunks.flatMap((c) => splitter.push(Buffer.isBuffer(c) ? c : Buffer.from(c)));
  return [...lines, ...splitter.end()];
}

describe('LineSplitter', () => {
  it('ends lines at \\n, \\r\\n and a lone \\r, with exact offsets', () => {
    expect(splitAll(['a\nbb\r\nccc\rdd'])).toEqual([
      { text: 'a', ending: 'newline', endOffset: 2 },
      { text: 'bb', ending: 'newline', endOffset: 6 },
      { text: 'ccc', ending: 'return', endOffset: 10 },
      { text: 'dd', ending: 'eof', endOffset: 12 },
    ]);
  });

  it('holds a \\r at the end of a chunk until it knows whether \\n follows', () => {
    expect(splitAll(['x\r', '\ny\r', 'z\n']).map((l) => [l.text, l.ending])).toEqual([
      ['x', 'newline'],
      ['y', 'return'],
      ['z', 'newline'],
    ]);
    expect(splitAll(['x\r']).map((l) => l.ending)).toEqual(['return']);
  });

  it('keeps a partial line until its end arrives, across chunks', () => {
    const splitter = new LineSplitter();
    expect(splitter.push(Buffer.from('val_lo'))).toEqual([]);
    expect(splitter.push(Buffer.from('ss=0.5\n'))).toEqual([{ text: 'val_loss=0.5', ending: 'newline', endOffset: 13 }]);
  });

  it('never splits a multi-byte character across reads and survives invalid UTF-8', () => {
    const bytes = Buffer.from('λ=1\n');
    const lines = splitAll([bytes.subarray(0, 1), bytes.subarray(1), Buffer.from([0xff, 0xfe, 0x0a])]);
    expect(lines[0].text).toBe('λ=1');
    expect(lines[1].text).toBe('\ufffd\ufffd');
  });

  it('keeps only the head of an enormous line but counts every byte', () => {
    const big = 'x'.repeat(5_000_000);
    const lines = splitAll([big.slice(0, 3_000_000), big.slice(3_000_000) + '\nok\n'], 1000);
    expect(lines[0].text.length).toBe(1000);
    expect(lines[0].endOffset).toBe(5_000_001);
    expect(lines[1]).toEqual({ text: 'ok', ending: 'newline', endOffset: 5_000_004 });
  });

  it('keeps the tail of a cut line too, from one chunk or many, and says how long the line was', () => {
    const line = 'val_loss=0.5 ' + 'x'.repeat(40_000) + ' tail=1 acc=0.9';
    for (const chunks of [[line + '\n'], [line.slice(0, 7000), line.slice(7000, 39_000), line.slice(39_000) + '\n']]) {
      const [cut, next] = splitAll([...chunks, 'ok\n'], 1000);
      expect(cut.text).toBe(line.slice(0, 1000));
      expect(cut.cut?.bytes).toBe(line.length);
      expect(cut.cut?.tail.endsWith(' tail=1 acc=0.9')).toBe(true);
      expect(cut.cut!.tail.length).toBeLessThanOrEqual(CUT_TAIL_BYTES);
      expect(cut.endOffset).toBe(line.length + 1);
      expect(next).toEqual({ text: 'ok', ending: 'newline', endOffset: line.length + 4 });
    }
  });

  it("reads metrics from a cut line's head and tail only, without the tokens the cut split", () => {
    const line = {
      text: 'epoch=3 loss=0.25 grad=0.1234',
      ending: 'newline' as const,
      endOffset: 0,
      cut: { tail: '56789 val_loss=0.123', bytes: 10_000_000 },
    };
    expect(readableParts(line)).toEqual(['epoch=3 loss=0.25', 'val_loss=0.123']);
    expect(readableParts({ text: 'a=1', ending: 'newline', endOffset: 0 })).toEqual(['a=1']);
  });

  it('resumes offsets from a saved position', () => {
    const splitter = new LineSplitter(100);
    expect(splitter.push(Buffer.from('a\n'))[0].endOffset).toBe(102);
  });
});

describe('cleanLine', () => {
  it('removes colour codes and applies backspaces', () => {
    expect(cleanLine('\x1b[1m\x1b[32mloss\x1b[0m: 0.5')).toBe('loss: 0.5');
    expect(cleanLine('abc\b\bX')).toBe('aXc');
    expect(cleanLine('54/100 [==>...] - loss: 0.5\b\b\b\b')).toBe('54/100 [==>...] - loss: 0.5');
    expect(cleanLine('\x1b]0;title\x07done')).toBe('done');
  });

  it('applies backspaces as a terminal does, whether they trail the text or not', () => {
    // the terminal's rule, one character (code point) at a time
    const terminal = (text: string) => {
      const cells: string[] = [];
      let cursor = 0;
      for (const ch of text) {
        if (ch === '\b') cursor = Math.max(0, cursor - 1);
        else cells[cursor++] = ch;
      }
      return cells.join('');
    };
    const alphabet = ['a', 'b', '€', '😀', '\b', '\b', '\b'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 2000; n++) {
      const text = Array.from({ length: Math.floor(next() * 12) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      expect(cleanLine(text), JSON.stringify(text)).toBe(terminal(text));
      expect(cleanLine(`${text}\b\b`), JSON.stringify(text)).toBe(terminal(`${text}\b\b`));
    }
  });
});
