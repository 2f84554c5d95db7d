import { describe, expect, it } from 'vitest';
import { LineFramer, type Frame } from '../../../src/engine/control/line-framer.js';

const texts = (frames: Frame[]) => frames.map((f) => (f.kind === 'line' ? f.text : `<${f.bytes} bytes>`));

describe('LineFramer', () => {
  it('joins lines split across chunks, including a character split between two of its bytes', () => {
    const framer = new LineFramer(100);
    const bytes = Buffer.from('{"a":"é"}\n{"b":2}\n{"c"');
    const cut = bytes.indexOf(0xa9); // second byte of "é"
    expect(texts(framer.push(bytes.subarray(0, cut)))).toEqual([]);
    expect(texts(framer.push(bytes.subarray(cut)))).toEqual(['{"a":"é"}', '{"b":2}']);
    expect(texts(framer.push(Buffer.from(':3}\n\n')))).toEqual(['{"c":3}', '']);
  });

  it('reports an oversized line once, with its size, without holding it, and goes on after its newline', () => {
    const framer = new LineFramer(10);
    expect(framer.push(Buffer.from('x'.repeat(8)))).toEqual([]);
    expect(framer.push(Buffer.from('y'.repeat(1000)))).toEqual([]);
    expect((framer as unknown as { held: number }).held).toBe(0);
    expect(texts(framer.push(Buffer.from('zz\nok\n')))).toEqual(['<1010 bytes>', 'ok']);
    expect(texts(framer.push(Buffer.from('0123456789\n01234567890\nend\n')))).toEqual(['0123456789', '<11 bytes>', 'end']);
  });
});
