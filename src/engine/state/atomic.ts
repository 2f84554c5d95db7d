/** Write-then-rename, so a reader (or a crash) never sees half a file. */
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';

export function writeFileAtomic(path: string, text: string, { durable = false } = {}): void {
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, text);
    if (durable) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

export function writeJsonAtomic(path: string, data: unknown, options?: { durable?: boolean }): void {
  writeFileAtomic(path, JSON.stringify(data, null, 2) + '\n', options);
}
