import { describe, expect, it } from 'vitest';
import { OutputClock, silenceFloorMs } from '../../../src/engine/trial/output-clock.js';

describe('OutputClock: when a running trial counts as silent', () => {
  it('flags nothing before the floor, and a trial quiet longer than the floor', () => {
    const clock = new OutputClock(60_000);
    clock.heard(1_000);
    expect(clock.silentFor(61_000)).toBeNull();
    expect(clock.silentFor(61_001)).toBe(60_001);
  });

  it('a trial that prints every 2 minutes is silent only after 5 × its median gap', () => {
    const clock = new OutputClock(60_000);
    for (let t = 120_000; t <= 1_200_000; t += 120_000) clock.heard(t);
    expect(clock.thresholdMs()).toBe(600_000);
    expect(clock.silentFor(1_200_000 + 599_000)).toBeNull();
    expect(clock.silentFor(1_200_000 + 601_000)).toBe(601_000);
  });

  it('lines of one burst (an epoch summary, a bar redrawn ten times a second) do not pull the gap to zero', () => {
    const clock = new OutputClock(60_000);
    for (let epoch = 1; epoch <= 10; epoch++) {
      const t = epoch * 300_000;
      for (let line = 0; line < 30; line++) clock.heard(t + line * 100);
    }
    expect(clock.thresholdMs()).toBeGreaterThanOrEqual(5 * 290_000);
  });

  it('starts counting from the running time it was created at (an adopted trial)', () => {
    const clock = new OutputClock(60_000, 500_000);
    expect(clock.silentFor(550_000)).toBeNull();
    expect(clock.silentFor(561_000)).toBe(61_000);
  });

  it('the floor is 60 s unless the test variable shortens it', () => {
    expect(silenceFloorMs({})).toBe(60_000);
    expect(silenceFloorMs({ SWEEPTOP_SILENCE_FLOOR_MS: '1500' })).toBe(1500);
    expect(silenceFloorMs({ SWEEPTOP_SILENCE_FLOOR_MS: 'soon' })).toBe(60_000);
  });
});
