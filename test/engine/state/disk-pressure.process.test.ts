import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DiskPressure,
  FIRST_RETRY_MS,
  LOW_SPACE_BYTES,
  MAX_RETRY_MS,
  type DiskFullStanding,
} from '../../../src/engine/state/disk-pressure.js';
import { MetricLog } from '../../../src/engine/state/metric-log.js';
import { TempDir } from '../../helpers/sweep.js';

const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

/** A pressure whose retries run when the test says, over a disk whose room the test sets. */
function harness() {
  const retries: Array<{ run: () => void; ms: number }> = [];
  const changes: Array<DiskFullStanding | null> = [];
  const errors: Error[] = [];
  const disk = { free: 0 };
  const pressure = new DiskPressure('/sweep', {
    onChange: (standing) => changes.push(standing),
    onError: (error) => errors.push(error),
    schedule: (run, ms) => retries.push({ run, ms }),
    freeBytes: () => disk.free,
  });
  const nextRetry = async () => {
    const retry = retries.shift();
    if (!retry) throw new Error('no retry scheduled');
    retry.run();
    await new Promise((r) => setTimeout(r, 0));
    return retry.ms;
  };
  return { pressure, retries, changes, errors, disk, nextRetry };
}

/** A writer that refuses while `full` is set, and records what it wrote. */
function writer(state: { full: boolean }, written: string[], text: string) {
  return () => {
    if (state.full) throw enospc();
    written.push(text);
  };
}

describe('disk pressure', () => {
  it('holds a refused write, retries it with doubling backoff up to a cap, and clears once it is written and there is room', async () => {
    const { pressure, changes, disk, nextRetry } = harness();
    const state = { full: true };
    const written: string[] = [];
    pressure.writeSync('result 1', writer(state, written, 'result 1'));
    expect(pressure.full).toBe(true);
    expect(changes).toEqual([{ since: expect.any(Number), dir: '/sweep', heldWrites: 1, droppedPoints: 0 }]);
    // while full, later writes wait behind it without touching the disk
    pressure.writeSync('result 2', writer(state, written, 'result 2'));
    expect(pressure.standing()?.heldWrites).toBe(2);

    const delays = [];
    for (let i = 0; i < 7; i++) delays.push(await nextRetry());
    expect(delays).toEqual([FIRST_RETRY_MS, 2000, 4000, 8000, 16_000, MAX_RETRY_MS, MAX_RETRY_MS]);
    expect(written).toEqual([]);

    let drained = false;
    void pressure.drained().then(() => (drained = true));
    state.full = false; // the writes would go through, but the disk is still almost full
    await nextRetry();
    expect(written).toEqual(['result 1', 'result 2']);
    expect(pressure.full).toBe(true);
    disk.free = LOW_SPACE_BYTES;
    await nextRetry();
    expect(pressure.full).toBe(false);
    expect(changes.at(-1)).toBeNull();
    expect(drained).toBe(true);

    // a later full spell starts again from the first delay
    state.full = true;
    pressure.writeSync('result 3', writer(state, written, 'result 3'));
    state.full = false;
    expect(await nextRetry()).toBe(FIRST_RETRY_MS);
    expect(written).toEqual(['result 1', 'result 2', 'result 3']);
  });

  it('keeps only the latest write held under one key, and gives up (reporting it) a write that fails otherwise', async () => {
    const { pressure, errors, disk, nextRetry } = harness();
    const state = { full: true };
    const written: string[] = [];
    pressure.writeSync('sweep.json', writer(state, written, 'old'));
    pressure.writeSync('sweep.json', writer(state, written, 'new'));
    pressure.hold('broken', () => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    });
    state.full = false;
    disk.free = Infinity;
    await nextRetry();
    expect(written).toEqual(['new']);
    expect(errors.map((e) => e.message)).toEqual(['EACCES: permission denied']);
    expect(pressure.full).toBe(false);
  });

  it('throws a failure that is not for room at once', () => {
    const { pressure } = harness();
    expect(() =>
      pressure.writeSync('x', () => {
        throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
      }),
    ).toThrow('EACCES');
    expect(pressure.full).toBe(false);
  });

  it('counts a disk with less than LOW_SPACE_BYTES free as full when asked, though no write failed', async () => {
    const { pressure, disk, nextRetry } = harness();
    disk.free = LOW_SPACE_BYTES - 1;
    expect(pressure.checkFull()).toBe(true);
    disk.free = LOW_SPACE_BYTES;
    await nextRetry();
    expect(pressure.checkFull()).toBe(false);
  });
});

describe('a metric log on a full disk', () => {
  const temp = new TempDir();
  afterEach(() => temp.remove());

  it('holds points in order, drops the oldest past its bound (counted), and writes the rest once there is room', async () => {
    const { pressure, disk, nextRetry } = harness();
    const path = join(temp.path, 'metrics.jsonl');
    const bound = 64 * 1024;
    const log = new MetricLog(path, pressure, bound);
    const point = (step: number) => ({ name: 'loss', step, value: step, time: 0, offset: step });
    log.append(point(0));
    pressure.hold('something else', () => {}); // the disk became full
    const lineBytes = 40; // fewer than any point line takes
    const total = Math.ceil(bound / lineBytes) + 1000;
    for (let step = 1; step <= total; step++) log.append(point(step));
    expect(readFileSync(path, 'utf8').split('\n').filter(Boolean)).toHaveLength(1);
    const dropped = pressure.standing()!.droppedPoints;
    expect(dropped).toBeGreaterThan(0);

    disk.free = Infinity;
    await nextRetry();
    const steps = readFileSync(path, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l).step as number);
    expect(steps[0]).toBe(0);
    expect(steps.at(-1)).toBe(total);
    expect(steps.length).toBe(total + 1 - dropped);
    // what is kept is in order, the oldest held ones gone
    expect(steps.slice(1)).toEqual([...Array(steps.length - 1).keys()].map((i) => total - (steps.length - 2) + i));
    log.close();
  });
});
