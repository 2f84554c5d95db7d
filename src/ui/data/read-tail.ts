/**
 * Reads the end of a trial's file. Logs of a days-long trial reach gigabytes; the log view shows
 * the last MAX_BYTES, which is tens of thousands of lines.
 */
import { open } from 'node:fs/promises';

export const MAX_BYTES = 4 * 1024 * 1024;

/** The last `maxBytes` of the file ('' if it does not exist yet), starting at a line boundary. */
export async function readTail(path: string, maxBytes = MAX_BYTES): Promise<string> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - maxBytes);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const text = buffer.toString('utf8');
    // A cut in the middle of a line would show half a line (and maybe half a character) first.
    return start === 0 ? text : text.slice(text.indexOf('\n') + 1);
  } finally {
    await handle.close();
  }
}
