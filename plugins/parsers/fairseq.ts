/**
 * fairseq's training log (`--log-format simple`, the default without a terminal, and `json`):
 *   `2024-04-08 12:00:00 | INFO | train_inner | epoch 001:    100 / 1000 loss=9.512, ppl=730.2, wps=12345, num_updates=100, lr=1.25e-05`
 *   `2024-04-08 12:05:00 | INFO | valid | epoch 001 | valid on 'valid' subset | loss 8.512 | ppl 365.1 | num_updates 1000`
 *   `2024-04-08 12:05:00 | INFO | train | epoch 001 | loss 9.1 | ppl 549 | num_updates 1000 | wall 320`
 *   `2024-04-08 12:00:00 | INFO | train_inner | {"epoch": 1, "update": 0.1, "loss": "9.512", "num_updates": "100"}`
 * Every key is printed in several contexts, so names are `<context>/<key>` — the logger's tag, or
 * the subset of a validation (`train_inner/loss`, `train/loss`, `valid/loss`), as fairseq itself
 * names them in TensorBoard. The step is `num_updates`. Other fairseq log lines (model summary,
 * parameter counts) are claimed without metrics.
 */
import type { ParsedLine, ParsedPoint, ParserPlugin } from '../../src/plugin-api/parser.js';
import { numberToken } from './lib/number-at.js';
import { parseMetricNumber } from '../../src/plugin-api/metric-number.js';

const PREFIX = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \| [A-Z]+ \| ([\w.-]+) \| (.*)$/;
const SUBSET = /^valid on '([^']+)' subset$/;
const NOT_METRICS = new Set(['epoch', 'update', 'num_updates']);

export function parseFairseqLine(line: string): ParsedLine | null {
  if (line.charCodeAt(0) !== 50 /* 2 */ || line.charCodeAt(4) !== 45 /* - */) return null;
  const m = PREFIX.exec(line);
  if (!m) return null;
  const [, tag, message] = m;
  if (message.startsWith('{')) return { points: fromJson(tag, message) };
  if (message.startsWith('epoch ')) {
    const colon = /^epoch \d+:\s+\d+ \/ \d+ /.exec(message);
    return { points: colon ? fromCommas(tag, message.slice(colon[0].length)) : fromPipes(tag, message) };
  }
  return { points: [] };
}

/** `loss=9.512, nll_loss=8.9, num_updates=100` */
function fromCommas(tag: string, text: string): ParsedPoint[] {
  return collect(
    tag,
    text.split(', ').map((item) => {
      const eq = item.indexOf('=');
      return [item.slice(0, eq), item.slice(eq + 1)];
    }),
  );
}

/** `epoch 001 | valid on 'valid' subset | loss 8.512 | num_updates 1000` */
function fromPipes(tag: string, text: string): ParsedPoint[] {
  let context = tag;
  const pairs: string[][] = [];
  for (const item of text.split(' | ')) {
    const subset = SUBSET.exec(item);
    if (subset) context = subset[1];
    const space = item.lastIndexOf(' ');
    if (space > 0) pairs.push([item.slice(0, space), item.slice(space + 1)]);
  }
  return collect(context, pairs);
}

/** fairseq's JSON prints meters as strings, and prefixes end-of-epoch keys with the tag. */
function fromJson(tag: string, text: string): ParsedPoint[] {
  let object: Record<string, unknown>;
  try {
    object = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return [];
  }
  const pairs = Object.entries(object).map(([key, value]) => [
    key.startsWith(`${tag}_`) ? key.slice(tag.length + 1) : key,
    typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '',
  ]);
  return collect(tag, pairs);
}

function collect(context: string, pairs: string[][]): ParsedPoint[] {
  const updates = pairs.find(([key]) => key === 'num_updates');
  const stepValue = updates ? parseMetricNumber(updates[1]) : undefined;
  const step = stepValue === undefined ? null : stepValue;
  const points: ParsedPoint[] = [];
  for (const [key, text] of pairs) {
    if (key === '' || NOT_METRICS.has(key)) continue;
    const value = numberToken(text);
    if (value !== undefined) points.push({ name: `${context}/${key}`, step, value });
  }
  return points;
}

const plugin: ParserPlugin = {
  name: 'fairseq',
  kind: 'parser',
  description: 'fairseq training log (`| train_inner | epoch 001: … loss=9.5, num_updates=100`)',
  create: () => ({ parse: parseFairseqLine, startsWith: '2' }),
};
export default plugin;
