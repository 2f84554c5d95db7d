/**
 * Ultralytics YOLO (v5, v8, 11) training tables:
 *
 *         Epoch    GPU_mem   box_loss   cls_loss   dfl_loss  Instances       Size
 *          1/10      2.61G      1.234      2.345      1.111         52        640: 100%|██| 8/8 [00:02<00:00, 3.5it/s]
 *                  Class     Images  Instances      Box(P          R      mAP50  mAP50-95): 100%|██| 1/1 [00:00<00:00, 5.0it/s]
 *                    all          4         17      0.612      0.833      0.888      0.621
 *
 * Training columns are named by the header (`box_loss`, `GPU_mem`); the batch's `Instances` and
 * image `Size` are not metrics. Validation columns are named by their group: `Box(P R mAP50
 * mAP50-95)` gives `Box/P`, `Box/R`, `Box/mAP50`, `Box/mAP50-95` (`Mask/…` for segmentation);
 * only the `all` row is read. The step is the epoch as printed (`1/10` → 1). After training,
 * Ultralytics validates `best.pt` again: those values are named `best/Box/mAP50`, …. The
 * `Speed: 0.5ms preprocess, …` timings are skipped.
 */
import type { ParsedLine, ParsedPoint, ParserPlugin } from '../../src/plugin-api/parser.js';
import { parseTqdmBar } from './lib/tqdm-bar.js';
import { numberToken } from './lib/number-at.js';

const TRAIN_HEAD = /^\s*Epoch\s+GPU_mem\s/;
const NOT_METRIC_COLUMNS = new Set(['Epoch', 'Instances', 'Size', 'Class', 'Images', 'classes']);
const ROW = /^\s*(\d+)\/(\d+)\s/;

export class UltralyticsParser {
  readonly startsWith = 'ESVCca0123456789';
  private trainColumns: string[] | null = null;
  private valColumns: Array<string | null> | null = null;
  private epoch: number | null = null;
  private validatingBest = false;

  parse(line: string): ParsedLine | null {
    let start = 0;
    while (line.charCodeAt(start) === 32) start++;
    switch (line.charCodeAt(start)) {
      case 69 /* E */:
        if (!TRAIN_HEAD.test(line)) return null;
        this.trainColumns = line.trim().split(/\s+/);
        return { points: [] };
      case 83 /* S */:
        return start === 0 && line.startsWith('Speed: ') ? { points: [] } : null; // per-image timings
      case 86 /* V */:
        if (start !== 0 || !line.startsWith('Validating ') || line.indexOf('best.pt') === -1) return null;
        this.validatingBest = true;
        return { points: [] };
      case 67 /* C */:
      case 99 /* c */:
        return this.valHead(line);
      case 97 /* a */:
        return this.valColumns && /^\s+all\s/.test(line) ? this.valRow(line, this.valColumns) : null;
      default:
        return this.trainColumns && ROW.test(line) ? this.trainRow(line, this.trainColumns) : null;
    }
  }

  private trainRow(line: string, columns: string[]): ParsedLine | null {
    const bar = parseTqdmBar(line);
    const cells = (bar ? bar.desc : line).trim().split(/\s+/);
    if (cells.length !== columns.length) return null;
    const epoch = Number(cells[0].split('/')[0]);
    this.epoch = epoch;
    const inProgress = bar !== null && bar.n < bar.total;
    const points: ParsedPoint[] = [];
    for (let i = 1; i < cells.length; i++) {
      if (NOT_METRIC_COLUMNS.has(columns[i])) continue;
      const value = numberToken(cells[i]);
      if (value === undefined) continue;
      const point: ParsedPoint = { name: columns[i], step: epoch, value };
      if (inProgress) point.inProgress = true;
      points.push(point);
    }
    return { points };
  }

  /** `Class Images Instances Box(P R mAP50 mAP50-95) Mask(P …)` → names per column. */
  private valHead(line: string): ParsedLine | null {
    const bar = parseTqdmBar(line);
    const head = (bar ? bar.desc : line).trim();
    if (!/^(?:Class|classes)\s/.test(head)) return null;
    let group = '';
    this.valColumns = head.split(/\s+/).map((token) => {
      const open = token.indexOf('(');
      if (open !== -1) {
        group = token.slice(0, open) + '/';
        token = token.slice(open + 1);
      }
      const name = group + token.replace(')', '');
      if (token.endsWith(')')) group = '';
      return NOT_METRIC_COLUMNS.has(name) ? null : name;
    });
    return { points: [] };
  }

  private valRow(line: string, columns: Array<string | null>): ParsedLine | null {
    const cells = line.trim().split(/\s+/);
    if (cells.length !== columns.length) return null;
    const prefix = this.validatingBest ? 'best/' : '';
    const points: ParsedPoint[] = [];
    for (let i = 1; i < cells.length; i++) {
      const name = columns[i];
      const value = numberToken(cells[i]);
      if (name === null || value === undefined) continue;
      points.push({ name: prefix + name, step: this.epoch, value });
    }
    return { points };
  }
}

const plugin: ParserPlugin = {
  name: 'ultralytics',
  kind: 'parser',
  description: 'Ultralytics YOLO epoch tables (`Epoch GPU_mem box_loss …`, `all … mAP50 mAP50-95`)',
  create: () => new UltralyticsParser(),
};
export default plugin;
