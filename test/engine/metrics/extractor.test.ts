import { describe, expect, it } from 'vitest';
import { MetricExtractor, type ExtractedPoint } from '../../../src/engine/metrics/extractor.js';
import { compileMetricRules } from '../../../src/engine/metrics/rules.js';
import type { LineEnding } from '../../../src/engine/logs/line-splitter.js';
import type { LineParser } from '../../../src/plugin-api/parser.js';
import kv from '../../../plugins/parsers/kv.js';
import { parseNumber } from './helpers.js';

const kvParser = () => kv.create({}, { parseNumber });

/** A parser for `bar <step> <value>` progress lines, marked in progress below 100. */
const bar: LineParser = {
  parse(line) {
    const m = /^bar (\d+) (\S+) (\d+)%$/.exec(line);
    if (!m) return null;
    return { points: [{ name: 'loss', step: Number(m[1]), value: Number(m[2]), inProgress: m[3] !== '100' }] };
  },
};
const header: LineParser = {
  parse: (line) => (/^Epoch (\d+)\/\d+$/.test(line) ? { points: [], header: Number(line.slice(6, line.indexOf('/'))) } : null),
};

function run(extractor: MetricExtractor, lines: Array<[string, LineEnding]>) {
  const final: ExtractedPoint[] = [];
  const provisional: ExtractedPoint[] = [];
  for (const [text, ending] of lines) {
    const out = extractor.push(text, ending);
    final.push(...out.final);
    provisional.push(...out.provisional);
  }
  return { final, provisional, ended: extractor.end() };
}

describe('MetricExtractor', () => {
  it('records a value redrawn with \\r once, with its last value, when its step is superseded', () => {
    const x = new MetricExtractor({ parsers: [kvParser()], rules: [], fillSteps: true });
    const { final, provisional, ended } = run(x, [
      ['step=1 loss=0.9', 'return'],
      ['step=1 loss=0.8', 'return'],
      ['step=2 loss=0.7', 'return'],
      ['step=2 loss=0.6', 'newline'],
    ]);
    expect(provisional.map((p) => p.value)).toEqual([0.9, 0.8, 0.7]);
    expect(final).toEqual([
      { name: 'loss', step: 1, value: 0.8 },
      { name: 'loss', step: 2, value: 0.6 },
    ]);
    expect(ended).toEqual([]);
  });

  it('flushes a value still being redrawn when the output ends', () => {
    const x = new MetricExtractor({ parsers: [bar], rules: [], fillSteps: true });
    const { final, ended } = run(x, [
      ['bar 3 0.5 40%', 'newline'],
      ['bar 3 0.4 80%', 'newline'],
    ]);
    expect(final).toEqual([]);
    expect(ended).toEqual([{ name: 'loss', step: 3, value: 0.4 }]);
  });

  it('replaces an in-progress value by the finished one for the same step', () => {
    const x = new MetricExtractor({ parsers: [bar], rules: [], fillSteps: false });
    const { final, ended } = run(x, [
      ['bar 1 0.5 50%', 'newline'],
      ['bar 1 0.45 100%', 'newline'],
      ['bar 2 0.3 50%', 'return'],
    ]);
    expect(final).toEqual([{ name: 'loss', step: 1, value: 0.45 }]);
    expect(ended).toEqual([{ name: 'loss', step: 2, value: 0.3 }]);
  });

  it('gives stepless points the header step, in both modes', () => {
    for (const fillSteps of [true, false]) {
      const x = new MetricExtractor({ parsers: [header, kvParser()], rules: [], fillSteps });
      const { final } = run(x, [
        ['Epoch 3/10', 'newline'],
        ['loss: 0.4', 'newline'],
      ]);
      expect(final).toEqual([{ name: 'loss', step: 3, value: 0.4 }]);
    }
  });

  it('in a sweep, fills missing steps with a per-metric counter, then with the latest step seen', () => {
    const x = new MetricExtractor({ parsers: [kvParser()], rules: [], fillSteps: true });
    const { final } = run(x, [
      ['loss=0.9', 'newline'],
      ['loss=0.8 acc=0.1', 'newline'],
      ['step=10 loss=0.5', 'newline'],
      ['final val_loss=0.45', 'newline'],
    ]);
    expect(final).toEqual([
      { name: 'loss', step: 0, value: 0.9, beforeFirstStep: true },
      { name: 'loss', step: 1, value: 0.8, beforeFirstStep: true },
      { name: 'acc', step: 0, value: 0.1, beforeFirstStep: true },
      { name: 'loss', step: 10, value: 0.5 },
      { name: 'final/val_loss', step: 10, value: 0.45 },
    ]);
  });

  it('does not use up a counter value on redraws of a stepless value', () => {
    const x = new MetricExtractor({ parsers: [kvParser()], rules: [], fillSteps: true });
    const { final, ended } = run(x, [
      ['loss=0.9', 'return'],
      ['loss=0.8', 'return'],
      ['loss=0.7', 'newline'],
      ['loss=0.6', 'return'],
    ]);
    expect(final).toEqual([{ name: 'loss', step: 0, value: 0.7, beforeFirstStep: true }]);
    expect(ended).toEqual([{ name: 'loss', step: 1, value: 0.6, beforeFirstStep: true }]);
  });

  it('keeps each context its own curve: fold 2 restarting at epoch 1 does not supersede fold 1', () => {
    const folds: LineParser = {
      parse(line) {
        const fold = /^fold (\d+)$/.exec(line);
        if (fold) return { points: [], context: `fold ${fold[1]}` };
        const epoch = /^epoch (\d+) loss=(\S+)$/.exec(line);
        return epoch ? { points: [{ name: 'loss', step: Number(epoch[1]), value: Number(epoch[2]), inProgress: false }] } : null;
      },
    };
    const x = new MetricExtractor({ parsers: [folds], rules: [], fillSteps: true });
    const { final, ended } = run(x, [
      ['fold 1', 'newline'],
      ['epoch 1 loss=0.9', 'newline'],
      ['epoch 2 loss=0.5', 'return'],
      ['fold 2', 'newline'],
      ['epoch 1 loss=0.8', 'newline'],
      ['epoch 1 loss=0.8', 'newline'],
    ]);
    expect([...final, ...ended]).toEqual([
      { name: 'loss', step: 1, value: 0.9, context: 'fold 1' },
      { name: 'loss', step: 1, value: 0.8, context: 'fold 2' },
      // fold 1's redrawn epoch 2 is still its own, flushed at the end
      { name: 'loss', step: 2, value: 0.5, context: 'fold 1' },
    ]);
  });

  it('hands configuration a line echoed back apart from its points', () => {
    const echo: LineParser = {
      parse: (line) => (line.startsWith('args:') ? { points: [], echoed: { lr: 0.001, optimizer: 'adam' } } : null),
    };
    const x = new MetricExtractor({ parsers: [echo, kvParser()], rules: [], fillSteps: true });
    expect(x.push("args: {'lr': 0.001, 'optimizer': 'adam'}", 'newline')).toEqual({
      final: [],
      provisional: [],
      echoed: { lr: 0.001, optimizer: 'adam' },
    });
    expect(x.push('loss=0.5', 'newline').echoed).toBeUndefined();
  });

  it('keeps null steps in `metrics` mode', () => {
    const x = new MetricExtractor({ parsers: [kvParser()], rules: [], fillSteps: false });
    expect(x.push('loss=0.9', 'newline').final).toEqual([{ name: 'loss', step: null, value: 0.9 }]);
  });

  it('cleans ANSI colours and backspaces before parsing', () => {
    const x = new MetricExtractor({ parsers: [kvParser()], rules: [], fillSteps: false });
    expect(x.push('\x1b[1mloss\x1b[0m=0.9\b\b\b0.5', 'newline').final).toEqual([{ name: 'loss', step: null, value: 0.5 }]);
  });

  it('drops an exact repeat of the last final value (a "best iteration" summary)', () => {
    const x = new MetricExtractor({ parsers: [kvParser()], rules: [], fillSteps: false });
    const { final } = run(x, [
      ['step=5 loss=0.3', 'newline'],
      ['step=5 loss=0.3', 'newline'],
      ['step=5 loss=nan', 'newline'],
      ['step=5 loss=nan', 'newline'],
    ]);
    expect(final.map((p) => p.value)).toEqual([0.3, NaN]);
  });

  it("applies the user's rules besides the parsers; a rule wins over a parser for the same name", () => {
    const rules = compileMetricRules([
      { regex: 'val acc (?<value>[0-9.]+) at step (?<step>\\d+)', name: 'val_acc' },
      { regex: 'loss=(?<value>\\S+)', name: 'loss' },
    ]);
    const x = new MetricExtractor({ parsers: [kvParser()], rules, fillSteps: false });
    expect(x.push('val acc 0.91 at step 300', 'newline').final).toEqual([{ name: 'val_acc', step: 300, value: 0.91 }]);
    expect(x.push('step=4 loss=0.5 acc=0.2', 'newline').final).toEqual([
      { name: 'acc', step: 4, value: 0.2 },
      { name: 'loss', step: 4, value: 0.5 },
    ]);
  });

  it('uses only the rules when given no parsers, and survives a parser that throws', () => {
    const broken: LineParser = {
      parse() {
        throw new Error('bug');
      },
    };
    const rules = compileMetricRules([{ regex: '(?<name>\\w+)=(?<value>[0-9.]+)' }]);
    const x = new MetricExtractor({ parsers: [broken], rules, fillSteps: false });
    expect(x.push('a=1 b=2', 'newline').final).toEqual([
      { name: 'a', step: null, value: 1 },
      { name: 'b', step: null, value: 2 },
    ]);
  });

  it('offers a line only to parsers whose startsWith hint allows its first non-blank character', () => {
    const seen: string[] = [];
    const hinted: LineParser = { startsWith: '[', parse: (line) => (seen.push(line), null) };
    const x = new MetricExtractor({ parsers: [hinted, kvParser()], rules: [], fillSteps: false });
    x.push('  [3]\tvalid-rmse:0.3', 'newline');
    x.push('loss=0.5', 'newline');
    x.push('\u00e9=1', 'newline');
    expect(seen).toEqual(['  [3]\tvalid-rmse:0.3', '\u00e9=1']);
  });

  it('lets the first parser that claims a line have it', () => {
    const claimsAll: LineParser = { parse: () => ({ points: [] }) };
    const x = new MetricExtractor({ parsers: [claimsAll, kvParser()], rules: [], fillSteps: false });
    expect(x.push('loss=0.5', 'newline').final).toEqual([]);
  });
});
