import { describe, expect, it } from 'vitest';
import { JsonLinesParser } from '../../../../src/engine/logs/sources/jsonl.js';

function read(parser: { push(b: Buffer): unknown[]; end(): unknown[] }, text: string, pieces = 1) {
  const bytes = Buffer.from(text);
  const size = Math.ceil(bytes.length / pieces);
  const out = [];
  for (let at = 0; at < bytes.length; at += size) out.push(...parser.push(bytes.subarray(at, at + size)));
  out.push(...parser.end());
  return out;
}

describe('JsonLinesParser', () => {
  it('reads one object per line; a line that is not JSON is reported once', () => {
    const problems: string[] = [];
    const parser = new JsonLinesParser({ fillSteps: true, onProblem: (m) => problems.push(m) });
    expect(read(parser, '{"loss": 1}\n{"loss": 0.5, "acc": "nan"}\noops\n\n{"step": 10, "loss": 0.4}\nbad too\n', 5)).toEqual([
      { name: 'loss', step: 0, value: 1 },
      { name: 'loss', step: 1, value: 0.5 },
      { name: 'acc', step: 0, value: NaN },
      { name: 'loss', step: 10, value: 0.4 },
    ]);
    expect(problems).toEqual(['the line at byte 40 is not a JSON object; such lines are skipped']);
  });
});
