/**
 * Detectron2's log:
 *   `[04/15 12:00:00 d2.utils.events]:  eta: 0:10:00  iter: 19  total_loss: 2.1  loss_cls: 0.8  time: 0.5000  data_time: 0.0100  lr: 0.00039962  max_mem: 2500M`
 *   `[04/15 12:10:00 d2.evaluation.testing]: copypaste: Task: bbox`
 *   `[04/15 12:10:00 d2.evaluation.testing]: copypaste: AP,AP50,AP75,APs,APm,APl`
 *   `[04/15 12:10:00 d2.evaluation.testing]: copypaste: 40.2,60.1,43.5,20.1,43.2,52.3`
 * Training names are the keys as printed (`total_loss`, `lr`, `max_mem` in MB); `eta` is skipped.
 * Evaluation results are `<task>/<metric>` (`bbox/AP50`), as Detectron2 names them itself. The
 * step is `iter`; evaluation results belong to the last iteration seen.
 */
import type { ParsedLine, ParsedPoint, ParserPlugin } from '../../src/plugin-api/parser.js';
import { numberToken } from './lib/number-at.js';

const COPYPASTE = 'copypaste: ';

export class Detectron2Parser {
  readonly startsWith = '[';
  private iter: number | null = null;
  private task = '';
  private columns: string[] | null = null;

  parse(line: string): ParsedLine | null {
    // Detectron2's logger starts every line with `[04/15 12:00:00 d2.…]:`
    if (line.charCodeAt(0) !== 91 /* [ */) return null;
    const copypaste = line.indexOf(COPYPASTE);
    if (copypaste !== -1) return this.evaluation(line.slice(copypaste + COPYPASTE.length).trim());
    const iterAt = line.indexOf(' iter: ');
    if (iterAt === -1 || line.indexOf('lr: ') === -1) return null;
    const points: ParsedPoint[] = [];
    let step: number | null = null;
    for (const item of line.slice(iterAt).split(/\s{2,}/)) {
      const colon = item.indexOf(': ');
      if (colon <= 0) continue;
      const name = item.slice(0, colon).trim();
      const value = numberToken(item.slice(colon + 2));
      if (value === undefined || name === 'eta') continue;
      if (name === 'iter') step = value;
      else points.push({ name, step: null, value });
    }
    if (step === null) return null;
    this.iter = step;
    for (const point of points) point.step = step;
    return { points };
  }

  private evaluation(text: string): ParsedLine {
    if (text.startsWith('Task: ')) {
      this.task = text.slice(6).trim();
      this.columns = null;
      return { points: [] };
    }
    const cells = text.split(',');
    const values = cells.map((cell) => numberToken(cell));
    if (values.some((value) => value === undefined)) {
      const names = cells.map((cell) => cell.trim());
      this.columns = names.every((name) => name !== '') ? names : null;
      return { points: [] };
    }
    if (!this.columns || this.columns.length !== values.length) return { points: [] };
    const prefix = this.task ? `${this.task}/` : '';
    return { points: this.columns.map((name, i) => ({ name: prefix + name, step: this.iter, value: values[i]! })) };
  }
}

const plugin: ParserPlugin = {
  name: 'detectron2',
  kind: 'parser',
  description: 'Detectron2 log (`iter: 19  total_loss: 2.1 … lr: 0.0004`, `copypaste:` results)',
  create: () => new Detectron2Parser(),
};
export default plugin;
