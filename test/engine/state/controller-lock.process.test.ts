/**
 * How a controller lock is judged (only on the machine that wrote it; elsewhere by its heartbeat)
 * and taken over (never by two processes: see lock-file.ts). Two racing `resume`s are in
 * test/cli/controller-lock.process.test.ts.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdLock, judgeLock, STALE_AFTER_MS } from '../../../src/engine/state/controller-lock.js';
import { lockPath } from '../../../src/engine/state/layout.js';
import { acquireLockFile } from '../../../src/engine/state/lock-file.js';
import { readStat } from '../../../src/plugin-api/proc.js';
import { TempDir } from '../../helpers/sweep.js';

const DEAD_PID = 2 ** 22 + 7; // above pid_max: never alive
const here = { host: hostname(), pid: process.pid, startTime: readStat(process.pid)!.startTime };

let temp: TempDir;
beforeEach(() => (temp = new TempDir()));
afterEach(() => temp.remove());

describe('judging a lock', () => {
  const now = Date.now();

  it('on this machine, by pid, start time and boot id', () => {
    expect(judgeLock(here, 0, now).kind).toBe('here');
    expect(judgeLock({ ...here, startTime: here.startTime + 1 }, now, now)).toEqual({
      kind: 'gone',
      lock: { ...here, startTime: here.startTime + 1 },
      notice: null,
    });
    expect(judgeLock({ ...here, pid: DEAD_PID }, now, now).kind).toBe('gone');
    // written before this machine restarted: whatever has that pid now is not it
    expect(judgeLock({ ...here, bootId: 'another-boot' }, now, now).kind).toBe('gone');
  });

  it("on another host, never by this machine's pids: by how long ago it was refreshed", () => {
    const there = { host: 'login-2', pid: process.pid, startTime: here.startTime };
    expect(judgeLock(there, now - 10_000, now)).toEqual({ kind: 'elsewhere', lock: there, refreshedAt: now - 10_000 });
    expect(judgeLock({ ...there, pid: DEAD_PID }, now - 10_000, now).kind).toBe('elsewhere');
    expect(judgeLock(there, now - STALE_AFTER_MS - 60_000, now)).toEqual({
      kind: 'gone',
      lock: there,
      notice: 'the controller on host login-2 has not refreshed its lock for 6 minutes; taken to be gone',
    });
  });
});

describe('taking a lock', () => {
  const claimOf = (path: string, text: string) => `${path}.${createHash('sha256').update(text).digest('hex').slice(0, 16)}.claim`;

  it('takes a stale one over even when a claimer died half-way, and leaves no claim behind', () => {
    const path = lockPath(temp.path);
    const stale = JSON.stringify({ host: hostname(), pid: DEAD_PID, startTime: 1 });
    writeFileSync(path, stale);
    writeFileSync(claimOf(path, stale), JSON.stringify({ host: hostname(), pid: DEAD_PID - 1, startTime: 1 }));
    const held = holdLock(temp.path);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ host: hostname(), pid: process.pid });
    expect(readdirSync(temp.path)).toEqual(['controller.lock']);
    held.release();
    expect(existsSync(path)).toBe(false);
  });

  it('leaves a stale one to a live claimer, and says so', () => {
    const path = lockPath(temp.path);
    const stale = JSON.stringify({ host: hostname(), pid: DEAD_PID, startTime: 1 });
    writeFileSync(path, stale);
    const parent = { host: hostname(), pid: process.ppid, startTime: readStat(process.ppid)!.startTime };
    writeFileSync(claimOf(path, stale), JSON.stringify(parent));
    expect(() => holdLock(temp.path)).toThrow(`${temp.path}: another controller is taking it over; try again`);
    expect(readFileSync(path, 'utf8')).toBe(stale);
  });

  it('is refreshed by its holder only, and released by its holder only', () => {
    const path = join(temp.path, 'some.lock');
    const file = acquireLockFile(path, 'mine\n', () => 'held');
    expect(file.held).toBe(true);
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(path, old, old);
    expect(file.refresh()).toBe(true);
    expect(Date.now() - statSync(path).mtimeMs).toBeLessThan(60_000);
    expect(acquireLockFile(path, 'theirs\n', () => 'held').held).toBe(false);
    writeFileSync(path, 'theirs\n'); // taken over meanwhile (judged stale elsewhere)
    expect(file.refresh()).toBe(false);
    file.release();
    expect(readFileSync(path, 'utf8')).toBe('theirs\n');
  });
});
