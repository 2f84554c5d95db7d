import { describe, expect, it } from 'vitest';
import { traceParser } from '../../../src/cli/commands/parser-trace.js';
import { MetricExtractor } from '../../../src/engine/metrics/extractor.js';
import type { LineParser } from '../../../src/plugin-api/parser.js';

/** Claims every line it is offered, though its hint says it reads only lines starting with `x`. */
const greedy = (): LineParser => ({
  startsWith: 'x',
  endsWith: '1',
  parse: (line) => ({ points: [{ name: `greedy:${line}`, step: 1, value: 1 }] }),
});
const kv: LineParser = {
  parse: (line) => {
    const m = /^(\w+)=(\d+)$/.exec(line);
    return m ? { points: [{ name: m[1], step: 1, value: Number(m[2]) }] } : null;
  },
};

describe('traceParser', () => {
  it('keeps the parser hints, so the extractor offers it the lines a sweep would', () => {
    const via = new Map<string, string>();
    const traced = traceParser(greedy(), 'greedy', via);
    expect(traced.startsWith).toBe('x');
    expect(traced.endsWith).toBe('1');
    const extractor = new MetricExtractor({ parsers: [traced, traceParser(kv, 'kv', via)], rules: [], fillSteps: true });
    expect(extractor.push('loss=1', 'newline').final.map((p) => p.name)).toEqual(['loss']);
    expect(extractor.push('x=1', 'newline').final.map((p) => p.name)).toEqual(['greedy:x=1']);
    expect(via).toEqual(
      new Map([
        ['loss', 'kv'],
        ['greedy:x=1', 'greedy'],
      ]),
    );
  });

  it('adds no hint the parser lacks', () => {
    const traced = traceParser(kv, 'kv', new Map());
    expect('startsWith' in traced).toBe(false);
    expect('endsWith' in traced).toBe(false);
  });
});
