import { describe, expect, it } from 'vitest';
import { CsvParser, splitCsvLine } from '../../../../src/engine/logs/sources/csv.js';

function read(parser: { push(b: Buffer): unknown[]; end(): unknown[] }, text: string, pieces = 1) {
  const bytes = Buffer.from(text);
  const size = Math.ceil(bytes.length / pieces);
  const out = [];
  for (let at = 0; at < bytes.length; at += size) out.push(...parser.push(bytes.subarray(at, at + size)));
  out.push(...parser.end());
  return out;
}

describe('CsvParser', () => {
  it("reads Lightning's CSVLogger: sparse rows, the step column as step, epoch not a metric, CRLF", () => {
    const text = 'epoch,step,train_loss,val_acc,val_loss\r\n0,49,0.512,,\r\n0,99,0.401,,\r\n0,99,,0.91,0.35\r\n1,149,nan,,\r\n';
    const parser = new CsvParser({ fillSteps: false, onProblem: () => {} });
    expect(read(parser, text, 7)).toEqual([
      { name: 'train_loss', step: 49, value: 0.512 },
      { name: 'train_loss', step: 99, value: 0.401 },
      { name: 'val_acc', step: 99, value: 0.91 },
      { name: 'val_loss', step: 99, value: 0.35 },
      { name: 'train_loss', step: 149, value: NaN },
    ]);
    expect(parser.offset).toBe(Buffer.byteLength(text));
  });

  it("reads Keras' CSVLogger with the epoch as step, and a last row without its newline", () => {
    expect(read(new CsvParser({ fillSteps: false, onProblem: () => {} }), 'epoch,accuracy,loss\n0,0.91,0.29\n1,0.95,0.14')).toEqual([
      { name: 'accuracy', step: 0, value: 0.91 },
      { name: 'loss', step: 0, value: 0.29 },
      { name: 'accuracy', step: 1, value: 0.95 },
      { name: 'loss', step: 1, value: 0.14 },
    ]);
  });

  it('fills missing steps in a sweep, resumes after the header, and reports bad rows once', () => {
    const problems: string[] = [];
    const parser = new CsvParser({ fillSteps: true, header: 'loss,note', startOffset: 10, onProblem: (m) => problems.push(m) });
    expect(read(parser, '0.5,"a, b"\n0.4,x,extra\n0.3,"say ""hi"""\n0.2,1,2\n')).toEqual([
      { name: 'loss', step: 0, value: 0.5 },
      { name: 'loss', step: 1, value: 0.3 },
    ]);
    expect(problems).toEqual(['a row has 3 cells but the header has 2; such rows are skipped']);
  });

  it('splits quoted cells', () => {
    expect(splitCsvLine('a,"b,c","d ""e"""')).toEqual(['a', 'b,c', 'd "e"']);
  });
});
