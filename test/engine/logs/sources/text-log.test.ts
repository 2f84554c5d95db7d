import { describe, expect, it } from 'vitest';
import { TextLogParser } from '../../../../src/engine/logs/sources/text-log.js';
import { createParsers } from '../../../../src/engine/metrics/parser-list.js';
import { parserPlugins } from '../../../../plugins/parsers/index.js';

describe('TextLogParser', () => {
  it('reads a text log like a trial output and tells where complete lines end', () => {
    const parser = new TextLogParser({ fillSteps: true, parsers: createParsers(parserPlugins), rules: [], onProblem: () => {} });
    const first = parser.push(Buffer.from('step=1 loss=0.5\nstep=2 lo'));
    expect(first).toEqual([{ name: 'loss', step: 1, value: 0.5 }]);
    expect(parser.offset).toBe(16);
    expect(parser.push(Buffer.from('ss=0.4\rstep=2 loss=0.3'))).toEqual([]);
    expect(parser.end()).toEqual([{ name: 'loss', step: 2, value: 0.3 }]);
  });
});
