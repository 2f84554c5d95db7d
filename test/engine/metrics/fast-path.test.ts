/**
 * The extractor's shortcuts (each parser offered only the lines its `startsWith`/`endsWith` hints
 * allow, the lists kept per pair of end characters, ASCII or not; trailing backspaces cut without
 * the per-character pass) must not change a single point:
 * the same output is read with every parser offered every line, cleaned by the terminal's rule
 * one character at a time, and the two readings compared line by line.
 */
import { describe, expect, it } from 'vitest';
import { KV_ONLY, PROGRESS_MIX, progressLog } from '../../../bench/parsers/progress-mix.js';
import { parserPlugins } from '../../../plugins/parsers/index.js';
import { LineSplitter } from '../../../src/engine/logs/line-splitter.js';
import { MetricExtractor, type PushResult } from '../../../src/engine/metrics/extractor.js';
import { createParsers } from '../../../src/engine/metrics/parser-list.js';
import type { LineParser } from '../../../src/plugin-api/parser.js';

/** The parser without its hints: offered every line. */
const unhinted = (parser: LineParser): LineParser => ({ parse: (line) => parser.parse(line) });

/** Backspaces applied one character at a time (ANSI escapes do not occur in these logs). */
function terminal(text: string): string {
  const cells: string[] = [];
  let cursor = 0;
  for (const ch of text) {
    if (ch === '\b') cursor = Math.max(0, cursor - 1);
    else cells[cursor++] = ch;
  }
  return cells.join('');
}

function readings(text: string, fast: boolean): Array<PushResult | ReturnType<MetricExtractor['end']>> {
  const parsers = createParsers(parserPlugins);
  const extractor = new MetricExtractor({ parsers: fast ? parsers : parsers.map(unhinted), rules: [], fillSteps: true });
  const splitter = new LineSplitter();
  const out: Array<PushResult | ReturnType<MetricExtractor['end']>> = [];
  for (const line of [...splitter.push(Buffer.from(text)), ...splitter.end()]) {
    out.push(extractor.push(fast ? line.text : terminal(line.text), line.ending));
  }
  out.push(extractor.end());
  return out;
}

describe('the extractor fast path', () => {
  it.each([
    ['the progress-bar mix', PROGRESS_MIX],
    ['key=value lines', KV_ONLY],
  ])('reads %s exactly as every parser on every line does', (_name, weights) => {
    const { text } = progressLog(weights, 3_000, 11);
    expect(text).toContain(weights === KV_ONLY ? 'val_loss=' : '\b\r');
    const fast = readings(text, true);
    const full = readings(text, false);
    const points = fast.reduce((n, r) => n + (Array.isArray(r) ? r.length : r.final.length), 0);
    expect(points).toBeGreaterThan(1_000);
    expect(fast).toEqual(full);
  });

  it('reads lines of spaces and lines with characters past ASCII at their ends as every parser does', () => {
    // a Lightning results table (`┃ … ┃`, `│ … │`), tqdm bars cleared with spaces and ending in a
    // bar (`45%|████▌`), headers in other scripts, between Keras epochs: each pair of ends twice
    const table = [
      '┏━━━━━━━━━━━━━┳━━━━━━━━━━━━━━┓',
      '┃ Test metric ┃ DataLoader 0 ┃',
      '┡━━━━━━━━━━━━━╇━━━━━━━━━━━━━━┩',
      '│  test_acc   │    0.947     │',
      '│  test_loss  │    0.211     │',
      '└─────────────┴──────────────┘',
    ];
    const lines = [
      'Epoch 1/2',
      '1875/1875 [==============================] - 3s 1ms/step - loss: 0.41 - accuracy: 0.91',
      `${' '.repeat(47)}\r`,
      '\r 45%|████▌     | 45/100 [00:01<00:01, 44.20it/s, loss=0.31]\r',
      `${' '.repeat(47)}\r`,
      'Époque 2 — perte 0.30',
      'Époque 2:  70%|███████   | 70/100 [00:01<00:01, 44.20it/s, loss=0.31]',
      '  45%|████▌',
      ...table,
      'Epoch 2/2',
      '1875/1875 [==============================] - 3s 1ms/step - loss: 0.35 - accuracy: 0.93',
      ...table,
      'Époque 3 — perte 0.29',
      'Époque 3:  80%|████████  | 80/100 [00:01<00:01, 44.20it/s, loss=0.27]',
      '  45%|████▌',
    ];
    const text = `${lines.join('\n')}\n`;
    const fast = readings(text, true);
    const names = new Set(fast.flatMap((r) => (Array.isArray(r) ? r : r.final).map((p) => p.name)));
    expect([...names].sort()).toEqual(['accuracy', 'loss', 'test_acc', 'test_loss']);
    expect(fast).toEqual(readings(text, false));
  });
});
