import { describe, expect, it } from 'vitest';
import { decodeLine, encodeLine } from '../../../src/engine/control/wire-json.js';

describe('wire JSON', () => {
  it('carries NaN and infinities through as numbers, and leaves the strings "nan" and "inf" strings', () => {
    const message = {
      objective: NaN,
      best: Infinity,
      low: -Infinity,
      // biome-ignore lint/suspicious/noCompareNegZero lint/correctness/noConstantCondition: an expression that evaluates to -0's comparison, not a literal -0
      zero: -0 === 0 ? 0 : 1,
      params: { act: 'nan', x: 'inf' },
      list: [NaN, 1, 'nan'],
    };
    const line = encodeLine(message);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.split('\n')).toHaveLength(2);
    expect(line).toContain('{"$num":"nan"}');
    const back = decodeLine(line) as typeof message;
    expect(back.objective).toBeNaN();
    expect(back.best).toBe(Infinity);
    expect(back.low).toBe(-Infinity);
    expect(back.params).toEqual({ act: 'nan', x: 'inf' });
    expect(back.list[0]).toBeNaN();
    expect(back.list.slice(1)).toEqual([1, 'nan']);
  });

  it('encodes without touching the message, copying only what holds a non-finite number', () => {
    const trial = { params: { lr: 0.1 }, lastMetrics: { loss: NaN } };
    const message = { trials: [trial], params: { lr: 0.1 } };
    const line = encodeLine(message);
    expect(message.trials[0].lastMetrics.loss).toBeNaN();
    expect(line).toBe('{"trials":[{"params":{"lr":0.1},"lastMetrics":{"loss":{"$num":"nan"}}}],"params":{"lr":0.1}}\n');
    const odd = JSON.parse('{"__proto__":-1}') as Record<string, number>;
    // biome-ignore lint/suspicious/noProto lint/complexity/useLiteralKeys: the test sets a key named __proto__ on purpose
    odd['__proto__'] = 0; // an own data property, as JSON.parse makes it
    Object.defineProperty(odd, '__proto__', { value: -Infinity, enumerable: true });
    expect(encodeLine(odd)).toBe('{"__proto__":{"$num":"-inf"}}\n');
  });

  it('only a one-key {"$num": nan|inf|-inf} object is a number', () => {
    expect(decodeLine('{"a":{"$num":"nan","b":1},"c":{"$num":"toString"},"d":{"$num":0.5}}')).toEqual({
      a: { $num: 'nan', b: 1 },
      c: { $num: 'toString' },
      d: { $num: 0.5 },
    });
  });

  it('does not let a parsed "__proto__" key change a prototype', () => {
    const value = decodeLine('{"__proto__":{"polluted":true},"x":{"__proto__":{"$num":"nan"}}}') as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(value.x)).toBe(Object.prototype);
  });

  it('throws (and does not crash) on bad JSON and on nesting too deep to walk', () => {
    expect(() => decodeLine('{"v":1,')).toThrow(SyntaxError);
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(() => decodeLine(deep)).toThrow();
  });
});
