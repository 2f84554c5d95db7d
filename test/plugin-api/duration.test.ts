import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/plugin-api/duration.js';

describe('formatDuration', () => {
  it('writes a duration as a sweep file does, largest units first, zero units left out', () => {
    expect(formatDuration(500)).toBe('500ms');
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(90_000)).toBe('1m30s');
    expect(formatDuration(3_600_000)).toBe('1h');
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(2 * 86_400_000 + 3 * 3_600_000 + 30_000)).toBe('2d3h'); // seconds go past a day
  });

  it('is read back by parseDuration', () => {
    for (const ms of [250, 45_000, 90_000, 5_400_000, 86_400_000 + 60_000]) expect(parseDuration(formatDuration(ms))).toBe(ms);
  });
});
