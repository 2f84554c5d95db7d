import { describe, expect, it } from 'vitest';
import { parseStat, readStat } from '../../src/plugin-api/proc.js';

describe('parseStat', () => {
  it('reads fields after a command name with spaces and parentheses', () => {
    const line =
      '4242 (python (train) x) S 1 4242 4243 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 3 0 12345 1000000 2560 18446744073709551615\n';
    expect(parseStat(line)).toEqual({
      pid: 4242,
      state: 'S',
      ppid: 1,
      pgid: 4242,
      sid: 4243,
      cpuTicks: 300,
      startTime: 12345,
      rssPages: 2560,
    });
  });

  it('refuses text that is not a stat line', () => {
    expect(parseStat('garbage')).toBeUndefined();
    expect(parseStat('x (sh) S 1 y')).toBeUndefined();
  });

  it.runIf(process.platform === 'linux')('reads this process', () => {
    const own = readStat(process.pid);
    expect(own).toMatchObject({ pid: process.pid, ppid: process.ppid, state: expect.stringMatching(/[RS]/) });
    expect(own!.startTime).toBeGreaterThan(0);
  });
});
