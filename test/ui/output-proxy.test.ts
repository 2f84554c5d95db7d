import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createOutputProxy } from '../../src/ui/terminal/output-proxy.js';

function fakeTty() {
  const written: string[] = [];
  const stream = Object.assign(new EventEmitter(), {
    isTTY: true,
    columns: 120,
    rows: 35,
    write(chunk: string) {
      written.push(chunk);
      return true;
    },
  });
  return { stream: stream as unknown as NodeJS.WriteStream, written };
}

describe('output proxy', () => {
  it('counts bytes, keeps the scrollback, and anchors incremental frames at the top-left', () => {
    const tty = fakeTty();
    const output = createOutputProxy(tty.stream);
    output.stream.write('\x1b[2J\x1b[3J\x1b[Hé');
    output.stream.write('\x1b[33A\x1b[1Gheader\x1b[K\n\x1b[E');
    output.stream.write('text with \x1b[2A inside');
    expect(tty.written).toEqual(['\x1b[2J\x1b[Hé', '\x1b[H\x1b[1Gheader\x1b[K\n\x1b[E', 'text with \x1b[2A inside']);
    expect(output.bytes()).toBe(Buffer.byteLength(tty.written.join('')));
  });

  it('reports 0 rows while a full repaint is due, until the clear is written', () => {
    const tty = fakeTty();
    let due = false;
    let repainted = 0;
    const output = createOutputProxy(tty.stream, { fullRepaint: () => due, repainted: () => (repainted++, (due = false)) });
    expect(output.stream.rows).toBe(35);
    due = true;
    expect(output.stream.rows).toBe(0);
    output.stream.write('\x1b[2J\x1b[3J\x1b[Hframe');
    expect(repainted).toBe(1);
    expect(output.stream.rows).toBe(35);
    // Everything else passes through, bound to the real stream.
    expect(output.stream.columns).toBe(120);
    let resized = false;
    output.stream.on('resize', () => (resized = true));
    tty.stream.emit('resize');
    expect(resized).toBe(true);
  });
});
