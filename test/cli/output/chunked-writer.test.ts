import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ChunkedWriter } from '../../../src/cli/output/chunked-writer.js';

/** A stream that takes one write and then waits until told to go on. */
function slowStream() {
  const written: string[] = [];
  let release: (() => void) | null = null;
  const stream = new Writable({
    highWaterMark: 1,
    write(chunk, _encoding, done) {
      written.push(String(chunk));
      release = done;
    },
  });
  return { stream, written, release: () => release?.() };
}

describe('ChunkedWriter', () => {
  it('gathers lines into large writes, and waits for a full stream before writing more', async () => {
    const { stream, written, release } = slowStream();
    const out = new ChunkedWriter(stream);
    const line = `${'x'.repeat(99)}\n`;
    let added = 0;
    while (!out.full) {
      out.add(line);
      added++;
    }
    expect(added).toBeGreaterThan(100); // not a write per line
    let flushed = false;
    const flushing = out.flush().then(() => (flushed = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(written).toEqual([line.repeat(added)]);
    expect(flushed).toBe(false); // the reader has not taken it yet
    release();
    await flushing;
    out.add('last\n');
    const last = out.flush();
    release();
    await last;
    expect(written.join('')).toBe(line.repeat(added) + 'last\n');
  });
});
