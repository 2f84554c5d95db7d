import { appendFileSync, mkdtempSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FileTailer } from '../../../src/engine/logs/tailer.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tailer-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('FileTailer', () => {
  it('follows appends from the saved offset, including a file that appears later', async () => {
    const path = join(dir, 'out.log');
    let text = '';
    const tailer = new FileTailer(path, { offset: 3, pollMs: 50, onChunk: (c) => (text += c.toString()) });
    tailer.start();
    await new Promise((r) => setTimeout(r, 100));
    writeFileSync(path, 'abcdef');
    await vi.waitFor(() => expect(text).toBe('def'), 3000);
    appendFileSync(path, 'gh');
    await vi.waitFor(() => expect(text).toBe('defgh'), 3000);
    await tailer.stop();
    expect(tailer.position).toBe(8);
  });

  it('sees every one of many small appends, the last included', async () => {
    const path = join(dir, 'out.log');
    writeFileSync(path, '');
    let text = '';
    const tailer = new FileTailer(path, { pollMs: 250, onChunk: (c) => (text += c.toString()) });
    tailer.start();
    for (let i = 0; i < 2000; i++) appendFileSync(path, `${i}\n`);
    await tailer.stop();
    const lines = text.trim().split('\n');
    expect(lines.length).toBe(2000);
    expect(lines.at(-1)).toBe('1999');
  });

  it('starts again at 0 when the file is truncated or replaced', async () => {
    const path = join(dir, 'm.csv');
    writeFileSync(path, 'one\ntwo\n');
    let text = '';
    let resets = 0;
    const tailer = new FileTailer(path, { pollMs: 30, onChunk: (c) => (text += c.toString()), onReset: () => resets++ });
    tailer.start();
    await vi.waitFor(() => expect(text).toBe('one\ntwo\n'), 3000);
    truncateSync(path, 0);
    appendFileSync(path, 'x\n');
    await vi.waitFor(() => expect({ resets, text }).toMatchObject({ resets: 1, text: expect.stringMatching(/x\n$/) }), 3000);
    writeFileSync(join(dir, 'new'), 'fresh\n');
    renameSync(join(dir, 'new'), path);
    await vi.waitFor(() => expect({ resets, text }).toMatchObject({ resets: 2, text: expect.stringMatching(/fresh\n$/) }), 3000);
    await tailer.stop();
  });
});
