import { describe, expect, it } from 'vitest';
import { formatNumber, formatStep } from '../../src/plugin-api/explain.js';

describe('formatNumber (prune reasons)', () => {
  it('gives 6 significant digits at any width, and spells out nan and infinities', () => {
    expect(formatNumber(0.123456789)).toBe('0.123457');
    expect(formatNumber(123456789)).toBe('123457000');
    expect(formatNumber(1.5e-7)).toBe('1.5e-7');
    expect(formatNumber(-0)).toBe('0');
    expect([Number.NaN, Infinity, -Infinity].map(formatNumber)).toEqual(['nan', 'inf', '-inf']);
  });

  it('prints whole steps exactly', () => {
    expect(formatStep(1234567)).toBe('1234567');
    expect(formatStep(2.5)).toBe('2.5');
  });
});
