/**
 * CatBoost's training log:
 *   `25:\tlearn: 0.6800000\ttest: 0.6900000\tbest: 0.6900000 (25)\ttotal: 52.3ms\tremaining: 5.2s`
 * Names are `learn`, `test` (`test1`, … for more eval sets) as printed; `best` repeats an
 * earlier value and `total`/`remaining` are timings, so they are skipped. The step is the
 * iteration before the colon (0-based, as printed). `bestTest = 0.69` at the end is left to the
 * kv parser.
 */
import type { ParsedLine, ParsedPoint, ParserPlugin } from '../../src/plugin-api/parser.js';
import { parseMetricNumber } from '../../src/plugin-api/metric-number.js';

const ITERATION = /^(\d+):\t(.+)$/;
const SKIPPED = new Set(['best', 'total', 'remaining']);

export function parseCatBoostLine(line: string): ParsedLine | null {
  const first = line.charCodeAt(0);
  if (first < 48 || first > 57 || line.indexOf(':\t') === -1) return null;
  const iteration = ITERATION.exec(line);
  if (!iteration) return null;
  const step = Number(iteration[1]);
  // hundreds of digits are no iteration (a number that long reads as Infinity)
  if (!Number.isSafeInteger(step)) return null;
  const points: ParsedPoint[] = [];
  for (const item of iteration[2].split('\t')) {
    const colon = item.indexOf(': ');
    if (colon <= 0) return null;
    const name = item.slice(0, colon);
    if (SKIPPED.has(name)) continue;
    const value = parseMetricNumber(item.slice(colon + 2).trim());
    if (value === undefined) return null;
    points.push({ name, step, value });
  }
  return { points };
}

const plugin: ParserPlugin = {
  name: 'catboost',
  kind: 'parser',
  description: 'CatBoost training log (`25:\\tlearn: 0.68\\ttest: 0.69\\tbest: …`)',
  create: () => ({ parse: parseCatBoostLine, startsWith: '0123456789' }),
};
export default plugin;
