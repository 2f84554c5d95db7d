/**
 * XGBoost's evaluation log: `[10]\ttrain-rmse:0.31\tvalidation_0-logloss:0.31`, `xgb.cv`'s
 * `[10]\ttrain-rmse:0.31+0.01\ttest-rmse:0.35+0.02` (the mean is the value), and the CLI's
 * `[12:23:45] [10]\t…`. Names are `<eval set>-<metric>` as printed; the step is the round
 * number in brackets (0-based, as printed). The round repeated after `Best iteration:` is a
 * summary, not a new point.
 */
import type { ParsedLine, ParsedPoint, ParserPlugin } from '../../src/plugin-api/parser.js';
import { numberAt } from './lib/number-at.js';

const ROUND = /^(?:\[\d\d:\d\d:\d\d\]\s+)?\[(\d+)\]\t(.+)$/;

export class XGBoostParser {
  readonly startsWith = '[SW';
  private summaryNext = false;

  parse(line: string): ParsedLine | null {
    if (line.charCodeAt(0) !== 91 /* [ */) {
      if (line.startsWith('Stopping. Best iteration') || line.startsWith('Will train until ')) {
        this.summaryNext = line.startsWith('Stopping');
        return { points: [] };
      }
      return null;
    }
    const round = ROUND.exec(line);
    if (!round) return null;
    const step = Number(round[1]);
    const points: ParsedPoint[] = [];
    // tab-separated `name:value` items, which run to the end of the line; cut as split('\t')
    // would cut them, but read in the line itself
    for (let start = line.length - round[2].length; start <= line.length; ) {
      const tab = line.indexOf('\t', start);
      const end = tab === -1 ? line.length : tab;
      const colon = line.lastIndexOf(':', end - 1);
      if (colon <= start) return null;
      const name = line.slice(start, colon).trim();
      // LightGBM's `valid_0's l2: 0.5` has a space: not this format
      if (name.indexOf(' ') !== -1 || name.indexOf('-') === -1) return null;
      // `0.31`, or xgb.cv's `0.31+0.01` (mean+std); a number never runs past its item's tab
      const number = numberAt(line, colon + 1);
      const after = number ? line.charCodeAt(number.end) : NaN;
      if (!number || !(number.end >= end || after === 43 /* + */ || after === 32 || after === 13)) return null;
      points.push({ name, step, value: number.value });
      start = end + 1;
    }
    if (this.summaryNext) {
      this.summaryNext = false;
      return { points: [] };
    }
    return { points };
  }
}

const plugin: ParserPlugin = {
  name: 'xgboost',
  kind: 'parser',
  description: 'XGBoost evaluation log (`[10]\\tvalidation_0-logloss:0.31`)',
  create: () => new XGBoostParser(),
};
export default plugin;
