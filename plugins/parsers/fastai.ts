/**
 * fastai's results table, as `learn.fit_one_cycle()` prints it outside a notebook:
 *   epoch     train_loss  valid_loss  accuracy  time
 *   0         0.512345    0.401234    0.876543  00:12
 * Names are the column headers; `time` is skipped, `#na#` (not computed) gives no point. The
 * step is the `epoch` column (0-based, as printed).
 */
import type { ParsedLine, ParsedPoint, ParserPlugin } from '../../src/plugin-api/parser.js';
import { numberToken } from './lib/number-at.js';

const HEAD = /^epoch\s+\S.*\btime\s*$/;

export class FastaiParser {
  readonly startsWith = 'e0123456789';
  private columns: string[] | null = null;

  parse(line: string): ParsedLine | null {
    const first = line.charCodeAt(0);
    if (first === 101 /* e */ && HEAD.test(line)) {
      this.columns = line.trim().split(/\s+/);
      return { points: [] };
    }
    if (!this.columns || first < 48 || first > 57) return null;
    const cells = line.trim().split(/\s+/);
    if (cells.length !== this.columns.length || !/^\d+$/.test(cells[0])) return null;
    const step = Number(cells[0]);
    const points: ParsedPoint[] = [];
    for (let i = 1; i < cells.length; i++) {
      if (this.columns[i] === 'time') continue;
      const value = numberToken(cells[i]);
      if (value !== undefined) points.push({ name: this.columns[i], step, value });
    }
    return { points };
  }
}

const plugin: ParserPlugin = {
  name: 'fastai',
  kind: 'parser',
  description: 'fastai results tables (`epoch  train_loss  valid_loss  accuracy  time`)',
  create: () => new FastaiParser(),
};
export default plugin;
