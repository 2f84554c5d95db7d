import { appendFileSync, mkdtempSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileTailer } from '../../../src/engine/logs/tailer.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tailer-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const waitFor = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('FileTailer', () => {
  it('follows appends from the saved offset, including a file that appears later', async () => {
    const path = join(dir, 'out.log');
    let text = '';
    const tailer = new FileTailer(path, { offset: 3, pollMs: 50, onChunk: (c) => (text += c.toString()) });
    tailer.start();
    await new Promise((r) => setTimeout(r, 100));
    writeFileSync(path, 'abcdef');
    await waitFor(() => text === 'def');
    appendFileSync(path, 'gh');
    await waitFor(() => text === 'defgh');
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
    await waitFor(() => text === 'one\ntwo\n');
    truncateSync(path, 0);
    appendFileSync(path, 'x\n');
    await waitFor(() => resets === 1 && text.endsWith('x\n'));
    writeFileSync(join(dir, 'new'), 'fresh\n');
    renameSync(join(dir, 'new'), path);
    await waitFor(() => resets === 2 && text.endsWith('fresh\n'));
    await tailer.stop();
  });
});
