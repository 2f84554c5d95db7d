/**
 * nanoGPT's training log:
 *   `step 500: train loss 1.2100, val loss 1.5200`      (evaluation)
 *   `iter 100: loss 2.3000, time 20.00ms, mfu 12.34%`   (every log_interval)
 * The evaluation line prints one key in two contexts: `train/loss`, `val/loss`. The iteration
 * line gives `loss`, `time` (ms) and `mfu` (%). The step is the number after `step`/`iter`.
 */
import type { ParsedLine, ParsedPoint, ParserPlugin } from './types.js';
import { numberToken } from './lib/number-at.js';

const LINE = /^(step|iter) (\d+): ([a-z].*)$/;
const NAME = /^[A-Za-z_][\w ]*$/;

export function parseNanoGptLine(line: string): ParsedLine | null {
  const first = line.charCodeAt(0);
  if (first !== 115 /* s */ && first !== 105 /* i */) return null;
  const m = LINE.exec(line);
  if (!m) return null;
  const step = Number(m[2]);
  const points: ParsedPoint[] = [];
  // `train loss 1.2100, val loss 1.5200`: the last word of each item is its value
  for (const item of m[3].trimEnd().split(', ')) {
    const space = item.lastIndexOf(' ');
    const name = item.slice(0, space);
    const value = space > 0 ? numberToken(item.slice(space + 1)) : undefined;
    if (value === undefined || !NAME.test(name)) return null;
    points.push({ name: name.replace(' ', '/'), step, value });
  }
  return { points };
}

const plugin: ParserPlugin = {
  name: 'nanogpt',
  kind: 'parser',
  description: 'nanoGPT style (`step 500: train loss 1.21, val loss 1.52`, `iter 100: loss 2.3, time 20ms`)',
  create: () => ({ parse: parseNanoGptLine, startsWith: 'si' }),
};
export default plugin;
