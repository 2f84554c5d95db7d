/**
 * XGBoost's evaluation log: `[10]\ttrain-rmse:0.31\tvalidation_0-logloss:0.31`, `xgb.cv`'s
 * `[10]\ttrain-rmse:0.31+0.01\ttest-rmse:0.35+0.02` (the mean is the value), and the CLI's
 * `[12:23:45] [10]\t…`. Names are `<eval set>-<metric>` as printed; the step is the round
 * number in brackets (0-based, as printed). The round repeated after `Best iteration:` is a
 * summary, not a new point.
 */
import type { ParsedLine, ParsedPoint, ParserPlugin } from './types.js';
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
    for (const item of round[2].split('\t')) {
      const colon = item.lastIndexOf(':');
      if (colon <= 0) return null;
      const name = item.slice(0, colon).trim();
      // LightGBM's `valid_0's l2: 0.5` has a space: not this format
      if (name.indexOf(' ') !== -1 || name.indexOf('-') === -1) return null;
      // `0.31`, or xgb.cv's `0.31+0.01` (mean+std)
      const number = numberAt(item, colon + 1);
      const rest = number ? item.charCodeAt(number.end) : NaN;
      if (!number || !(number.end >= item.length || rest === 43 /* + */ || rest === 32 || rest === 13)) return null;
      const value = number.value;
      points.push({ name, step, value });
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
