/**
 * LightGBM's evaluation log (`log_evaluation`): `[10]\ttraining's l2: 0.4\tvalid_1's l2: 0.5`,
 * and `lgb.cv`'s `[10]\tcv_agg's valid l2: 0.5 + 0.01` (the mean is the value). Names are
 * `<data>'s <metric>` as printed; the step is the iteration in brackets (1-based, as printed).
 * `[LightGBM] [Info] …` lines are claimed without metrics (they print counts such as
 * `number of used features: 10`), and the iteration repeated after `best iteration is:` is a
 * summary, not a new point.
 */
import type { ParsedLine, ParsedPoint, ParserPlugin } from '../../src/plugin-api/parser.js';
import { parseMetricNumber } from '../../src/plugin-api/metric-number.js';

const ITERATION = /^\[(\d+)\]\t(.+)$/;
const RESULT = /^(.+?'s .+?): (\S+)(?: \+ \S+)?$/;

export class LightGBMParser {
  readonly startsWith = '[TED';
  private summaryNext = false;

  parse(line: string): ParsedLine | null {
    if (line.charCodeAt(0) !== 91 /* [ */) {
      if (line.startsWith('Training until validation scores')) return { points: [] };
      if (!line.trimEnd().endsWith(':') || !/best iteration is:\s*$/i.test(line)) return null;
      this.summaryNext = true;
      return { points: [] };
    }
    if (line.startsWith('[LightGBM]')) return { points: [] };
    const iteration = ITERATION.exec(line);
    if (!iteration) return null;
    const step = Number(iteration[1]);
    const points: ParsedPoint[] = [];
    for (const item of iteration[2].split('\t')) {
      const m = RESULT.exec(item.trim());
      const value = m ? parseMetricNumber(m[2]) : undefined;
      if (!m || value === undefined) return null;
      points.push({ name: m[1], step, value });
    }
    if (this.summaryNext) {
      this.summaryNext = false;
      return { points: [] };
    }
    return { points };
  }
}

const plugin: ParserPlugin = {
  name: 'lightgbm',
  kind: 'parser',
  description: "LightGBM evaluation log (`[10]\\tvalid_0's l2: 0.5`)",
  create: () => new LightGBMParser(),
};
export default plugin;
