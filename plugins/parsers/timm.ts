/**
 * timm's `train.py` log (pytorch-image-models):
 *   `Train: 3 [ 100/1251 (  8%)]  Loss: 6.913 (6.92)  Time: 0.321s, 1595.01/s  (0.402s, 1273.45/s)  LR: 1.000e-05  Data: 0.012 (0.075)`
 *   `Test: [  48/48]  Time: 0.101 (0.250)  Loss:  0.9000 (1.0000)  Acc@1: 80.0000 (78.8000)  Acc@5: 94.0000 (94.3000)`
 *   `*** Best metric: 78.8 (epoch 5)`
 * `Loss` is printed in both contexts, so names are `train/Loss`, `train/LR`, `test/Loss`,
 * `test/Acc@1`, `test/Acc@5` (`test_ema/…` for `Test (EMA)`). Where a running average is printed
 * in parentheses it is the value. `Time`, `Data` and the rates are skipped. The step is the
 * epoch of the train lines (as printed); a test belongs to the epoch before it. Lines before the
 * last batch (`8%`, `[ 10/48]`) are in progress. The start-up lines `Model … created, param
 * count:…` and `Scheduled epochs: …` are claimed without metrics.
 */
import type { ParsedLine, ParsedPoint, ParserPlugin } from '../../src/plugin-api/parser.js';
import { numberToken } from './lib/number-at.js';

const LINE = /^(Train|Test(?: \(EMA\))?|Eval): (?:(\d+) )?\[\s*(\d+)\/(\d+)(?:\s*\(\s*(\d+)%\))?\]\s+(.*)$/;
const ITEM = /([A-Za-z][\w@.-]*):\s+(\S+?),?(?:\s+[\d.]+\/s)?(?:\s+\((\S+?)\))?(?=\s{2}|\s*$)/g;
const BEST = /^\*\*\* Best metric: (\S+) \(epoch (\d+)\)/;
const SKIPPED = new Set(['Time', 'Data']);
/** Start-up lines whose numbers are not metrics: `Model resnet18 created, param count:11689512`. */
const CHATTER = /^(?:Model \S+ created, param count:|Scheduled epochs: )/;

export class TimmParser {
  readonly startsWith = 'TEMS*';
  private epoch: number | null = null;

  parse(line: string): ParsedLine | null {
    const first = line.charCodeAt(0);
    if (first === 42 /* * */) {
      const best = BEST.exec(line);
      const value = best ? numberToken(best[1]) : undefined;
      return value === undefined ? null : { points: [{ name: 'Best metric', step: Number(best![2]), value }] };
    }
    if (first === 77 /* M */ || first === 83 /* S */) return CHATTER.test(line) ? { points: [] } : null;
    if (first !== 84 /* T */ && first !== 69 /* E */) return null;
    const m = LINE.exec(line);
    if (!m) return null;
    const [, label, epoch, done, total, percent, rest] = m;
    if (label === 'Train') this.epoch = epoch === undefined ? null : Number(epoch);
    const inProgress = percent !== undefined ? Number(percent) < 100 : Number(done) < Number(total);
    const context = label.toLowerCase().replace(' (ema)', '_ema');
    const points: ParsedPoint[] = [];
    for (const item of rest.matchAll(ITEM)) {
      if (SKIPPED.has(item[1])) continue;
      const value = numberToken(item[3] ?? item[2]);
      if (value === undefined) continue;
      const point: ParsedPoint = { name: `${context}/${item[1]}`, step: this.epoch, value };
      if (inProgress) point.inProgress = true;
      points.push(point);
    }
    return { points };
  }
}

const plugin: ParserPlugin = {
  name: 'timm',
  kind: 'parser',
  description: 'timm train.py log (`Train: 3 [100/1251 (8%)]  Loss: 6.9 (6.92)`, `Test: […]  Acc@1: …`)',
  create: () => new TimmParser(),
};
export default plugin;
