import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readExitCodeFile } from '../../../plugins/executors/local.js';
import { wrapArgv } from '../../../plugins/executors/wrapper.js';

const temps: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sweeptop-exit-'));
  temps.push(dir);
  return join(dir, 'exit_code');
}
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the exit_code file', () => {
  it('holds the status the wrapper saw, which it also exits with', async () => {
    const file = tempFile();
    const [command, ...args] = wrapArgv(file, ['sh', '-c', 'sleep 0.3; exit 7']);
    const started = Date.now();
    expect(spawnSync(command, args).status).toBe(7);
    const finished = Date.now();
    const status = await readExitCodeFile(file);
    expect(status).toMatchObject({ exitCode: 7, signal: null });
    // and when the trial ended: the file's mtime, written as it exited (the clock's granularity aside)
    expect(status.endedAt).toBeGreaterThanOrEqual(started + 250);
    expect(status.endedAt).toBeLessThanOrEqual(finished + 10);
  });

  it('records a trial killed by a signal as 128+n', async () => {
    const file = tempFile();
    const [command, ...args] = wrapArgv(file, ['sh', '-c', 'kill -TERM $$']);
    spawnSync(command, args);
    expect(await readExitCodeFile(file)).toMatchObject({ exitCode: 143, signal: 'SIGTERM' });
  });

  it('is not taken until its line is whole', async () => {
    const file = tempFile();
    writeFileSync(file, '');
    expect(await readExitCodeFile(file)).toEqual({ exitCode: null, signal: null });
    writeFileSync(file, '1');
    expect(await readExitCodeFile(file)).toEqual({ exitCode: null, signal: null });
    writeFileSync(file, '12\n');
    expect(await readExitCodeFile(file)).toMatchObject({ exitCode: 12, signal: null });
  });

  it('is absent when nothing was written', async () => {
    expect(await readExitCodeFile(tempFile())).toEqual({ exitCode: null, signal: null });
  });
});
