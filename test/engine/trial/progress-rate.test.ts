import { describe, expect, it } from 'vitest';
import { ProgressRate } from '../../../src/engine/trial/progress-rate.js';

describe("ProgressRate: a trial's time to go from its pace", () => {
  it('is unknown before any progress', () => {
    expect(new ProgressRate().remainingMs(10_000)).toBeNull();
  });

  it('measures the pace from the first progress, so start-up time does not count', () => {
    const rate = new ProgressRate();
    rate.update({ done: 0, total: 20 }, 30_000); // 30 s of imports before epoch 1
    rate.update({ done: 2, total: 20 }, 50_000); // 10 s per epoch
    expect(rate.remainingMs(50_000)).toBe(180_000);
    expect(rate.remainingMs(60_000)).toBe(170_000);
    expect(rate.current).toEqual({ done: 2, total: 20 });
  });

  it('with one reading, takes the pace since the start', () => {
    const rate = new ProgressRate();
    rate.update({ done: 45, total: 100 }, 90_000);
    expect(rate.remainingMs(90_000)).toBe(110_000);
  });

  it('starts over when the count goes back (the next fold)', () => {
    const rate = new ProgressRate();
    rate.update({ done: 1, total: 5 }, 10_000);
    rate.update({ done: 5, total: 5 }, 50_000);
    rate.update({ done: 0, total: 5 }, 51_000);
    rate.update({ done: 1, total: 5 }, 61_000);
    expect(rate.remainingMs(61_000)).toBe(40_000);
  });

  it('never goes below zero', () => {
    const rate = new ProgressRate();
    rate.update({ done: 9, total: 10 }, 90_000);
    expect(rate.remainingMs(500_000)).toBe(0);
  });
});
