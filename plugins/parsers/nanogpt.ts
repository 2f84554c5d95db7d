/**
 * nanoGPT's training log:
 *   `step 500: train loss 1.2100, val loss 1.5200`      (evaluation)
 *   `iter 100: loss 2.3000, time 20.00ms, mfu 12.34%`   (every log_interval)
 * The evaluation line prints one key in two contexts: `train/loss`, `val/loss`. The iteration
 * line gives `loss`, `time` (ms) and `mfu` (%). The step is the number after `step`/`iter`.
 */
import type { ParsedLine, ParsedPoint, ParserPlugin } from '../../src/plugin-api/parser.js';
import { numberToken } from './lib/number-at.js';
import { Needle } from './lib/needle.js';

const LINE = /^(?:step|iter) \d+: [a-z].*$/;
const NAME = /^[A-Za-z_][\w ]*$/;
const COMMA = new Needle(', ');

export function parseNanoGptLine(line: string): ParsedLine | null {
  const first = line.charCodeAt(0);
  if (first !== 115 /* s */ && first !== 105 /* i */) return null;
  // `test`, then cut by hand: no match array, and the items are read in the line itself
  if (!LINE.test(line)) return null;
  const colon = line.indexOf(':', 5); // after `step ` / `iter ` and the digits
  const step = Number(line.slice(5, colon));
  const points: ParsedPoint[] = [];
  const itemsEnd = line.trimEnd().length;
  // `train loss 1.2100, val loss 1.5200`: the last word of each item is its value; the items are
  // cut as split(', ') would cut them, without the array
  for (let start = colon + 2; start <= itemsEnd; ) {
    const comma = COMMA.indexIn(line, start);
    const end = comma === -1 || comma + 2 > itemsEnd ? itemsEnd : comma;
    let space = end - 1;
    while (space > start && line.charCodeAt(space) !== 32) space--;
    if (space <= start) return null;
    const name = line.slice(start, space);
    const value = numberToken(line.slice(space + 1, end));
    if (value === undefined || !NAME.test(name)) return null;
    points.push({ name: name.indexOf(' ') === -1 ? name : name.replace(' ', '/'), step, value });
    start = end + 2;
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
