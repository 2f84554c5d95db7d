import { describe, expect, it } from 'vitest';
import { endsToken, numberAt, numberToken } from '../../../plugins/parsers/lib/number-at.js';
import { createRng } from './rng.js';

describe('numberAt', () => {
  it('reads a number and its unit where it starts, and where it ends', () => {
    expect(numberAt('loss=0.41 x', 5)).toEqual({ value: 0.41, end: 9 });
    expect(numberAt('t=12ms,', 2)).toEqual({ value: 12, end: 6 });
    expect(numberAt('a 2.61G b', 2)).toEqual({ value: 2.61, end: 7 });
    expect(numberAt('r 44.2it/s]', 2)).toEqual({ value: 44.2, end: 10 });
    expect(numberAt('x -inf', 2)).toEqual({ value: -Infinity, end: 6 });
    expect(numberAt('x nan,', 2)).toEqual({ value: NaN, end: 5 });
    expect(numberAt('x nanny', 2)).toBeUndefined();
    expect(numberAt('x .5', 2)).toEqual({ value: 0.5, end: 4 });
    expect(numberAt('step=100.ckpt', 5)).toEqual({ value: 100, end: 8 }); // the caller checks endsToken
    expect(endsToken('step=100.ckpt', 8)).toBe(false);
    expect(endsToken('loss=0.5. Done', 8)).toBe(true);
    expect(endsToken('66,955', 2)).toBe(false);
    expect(numberToken(' 1.5e-3 ')).toBe(0.0015);
    expect(numberToken('2.1.0')).toBeUndefined();
  });

  it('computes exactly the value Number() gives, for 20,000 random printed numbers', () => {
    const rng = createRng('decimals');
    for (let i = 0; i < 20_000; i++) {
      const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rng() * 10)).join('');
      const sign = rng() < 0.2 ? '-' : '';
      const whole = digits(1 + Math.floor(rng() * 9));
      const fraction = rng() < 0.7 ? `.${digits(1 + Math.floor(rng() * 12))}` : '';
      const exponent = rng() < 0.3 ? `e${rng() < 0.5 ? '-' : '+'}${Math.floor(rng() * 40)}` : '';
      const text = sign + whole + fraction + exponent;
      expect(numberAt(`${text} `, 0)?.value, text).toBe(Number(text));
    }
  });
});
