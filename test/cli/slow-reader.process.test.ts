/**
 * A reader slower than the command still gets every line. Node writes to a pipe its parent made
 * (a Node or Python program running sweeptop) asynchronously: what the reader has not taken yet
 * waits in the process, and a command that ends must not exit before it has gone out.
 */
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI, TempDir } from '../helpers/sweep.js';

let temp: TempDir;
beforeEach(() => {
  temp = new TempDir();
});
afterEach(() => temp.remove());

const LINES = 20_000;

describe('a slow reader', () => {
  it('`metrics --json` read only after a pause: every point arrives, exit 0', async () => {
    // three points a line, ~1 MB of JSON: far more than a pipe holds
    const text = Array.from({ length: LINES }, (_, i) => `step=${i + 1} loss=${(1 / (i + 1)).toFixed(6)} lr=0.001 grad_norm=1.5\n`);
    const log = temp.file('train.log', text.join(''));
    const child = spawn(process.execPath, [CLI, 'metrics', log, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // not read until the command has had time to parse everything and give up waiting, or has exited
    await Promise.race([exited, sleep(6_000)]);
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    const closed = new Promise((resolve) => child.on('close', resolve));
    const code = await exited;
    await closed;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3 * LINES);
    expect(lines.at(-1)).toBe(`{"format":1,"name":"grad_norm","step":${LINES},"value":1.5}`);
  }, 30_000);
});
