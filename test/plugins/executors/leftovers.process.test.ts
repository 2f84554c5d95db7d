/** What `sweeptop stop` is told is left of a trial: never a process that only reuses its pid. */
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { localExecutor } from '../../../plugins/executors/local.js';
import { readStat } from '../../../src/plugin-api/proc.js';
import { waitFor } from '../../helpers/sweep.js';

const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
});

const files = {
  dir: '/nonexistent',
  stdout: '/nonexistent/stdout.log',
  stderr: '/nonexistent/stderr.log',
  exitCode: '/nonexistent/exit_code',
};

describe('local leftovers', () => {
  it("names the trial's process by pid and command, and not a process that reuses its pid", async () => {
    const child = spawn('sleep', ['30'], { detached: true, stdio: 'ignore' });
    started.push(child.pid!);
    await waitFor(() => readStat(child.pid!)?.state === 'S', 5000, 'sleep runs');
    const { startTime } = readStat(child.pid!)!;
    const leftovers = (recorded: number) =>
      localExecutor.leftovers!([{ handle: { pid: child.pid!, startTime: recorded, token: null }, files }]);
    expect(await leftovers(startTime)).toEqual([{ pid: child.pid, command: 'sleep 30' }]);
    expect(await leftovers(startTime - 1)).toEqual([]);
  });
});
