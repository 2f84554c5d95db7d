/**
 * scikit-learn's `verbose` output:
 *   MLPClassifier/Regressor   `Iteration 4, loss = 0.30000000`, `Validation score: 0.950000`
 *   SGDClassifier/Regressor   `-- Epoch 3` then `Norm: 1.23, NNZs: 10, Bias: 0.1, T: 300, Avg. loss: 0.35`
 *   GradientBoosting          `Iter  Train Loss  OOB Improve  Remaining Time` then `1  1.2345  0.0123  0.50s`
 *   HistGradientBoosting      `[4/100] 1 tree, 31 leaves, max depth = 6, train loss: 0.69, val loss: 0.70, in 0.002s`
 * Names are the keys as printed, except HistGradientBoosting's `train loss`/`val loss`, which
 * become `train/loss`/`val/loss` (one key in two contexts). Steps are the iteration or epoch as
 * printed (1-based). Timings (`Remaining Time`, `in 0.002s`, `Total training time`) are skipped,
 * and so are the `tol=…` figures of the stopping messages.
 */
import type { ParsedLine, ParsedPoint, ParserPlugin } from '../../src/plugin-api/parser.js';
import { numberToken } from './lib/number-at.js';

const MLP_ITERATION = /^Iteration (\d+), loss = (\S+)$/;
const MLP_VALIDATION = /^Validation score: (\S+)$/;
const SGD_EPOCH = /^-- Epoch (\d+)$/;
const SGD_STATS = /^Norm: .*Avg\. loss: /;
const GB_HEAD = /^\s+Iter\s+Train Loss\s/;
const HIST_GB = /^\[(\d+)\/\d+\] .*\btrain (?:loss|score): /;
const STOP_MESSAGES = /^(?:Training loss|Validation score) did not improve|^Total training time|^Convergence after|^Fit \d+ trees? in /;

export class SklearnParser {
  readonly startsWith = 'IVN-[TCF0123456789';
  private iteration: number | null = null;
  private gbColumns: string[] | null = null;

  parse(line: string): ParsedLine | null {
    const first = line.charCodeAt(0);
    if (first === 73 /* I */) return this.mlpIteration(line);
    if (first === 86 /* V */) return this.mlpValidation(line);
    if (first === 45 /* - */) {
      const epoch = SGD_EPOCH.exec(line);
      return epoch ? { points: [], header: Number(epoch[1]) } : null;
    }
    if (first === 78 /* N */ && SGD_STATS.test(line)) return { points: this.sgdStats(line) };
    if (first === 91 /* [ */ && HIST_GB.test(line)) return { points: this.histGradientBoosting(line) };
    if (first === 32 /* space */) return this.gradientBoosting(line);
    return STOP_MESSAGES.test(line) ? { points: [] } : null;
  }

  private mlpIteration(line: string): ParsedLine | null {
    const m = MLP_ITERATION.exec(line);
    const value = m ? numberToken(m[2]) : undefined;
    if (!m || value === undefined) return null;
    this.iteration = Number(m[1]);
    return { points: [{ name: 'loss', step: this.iteration, value }] };
  }

  private mlpValidation(line: string): ParsedLine | null {
    if (STOP_MESSAGES.test(line)) return { points: [] };
    const m = MLP_VALIDATION.exec(line);
    const value = m ? numberToken(m[1]) : undefined;
    if (value === undefined) return null;
    return { points: [{ name: 'Validation score', step: this.iteration, value }] };
  }

  /** `Norm: 1.23, NNZs: 10, Bias: 0.100000, T: 300, Avg. loss: 0.350000`; the step is the header's. */
  private sgdStats(line: string): ParsedPoint[] {
    const points: ParsedPoint[] = [];
    for (const item of line.split(', ')) {
      const colon = item.indexOf(': ');
      const value = colon > 0 ? numberToken(item.slice(colon + 2)) : undefined;
      if (value !== undefined) points.push({ name: item.slice(0, colon), step: null, value });
    }
    return points;
  }

  private histGradientBoosting(line: string): ParsedPoint[] {
    const step = Number(HIST_GB.exec(line)![1]);
    const points: ParsedPoint[] = [];
    for (const m of line.matchAll(/\b(train|val) (loss|score): (\S+?),/g)) {
      const value = numberToken(m[3]);
      if (value !== undefined) points.push({ name: `${m[1]}/${m[2]}`, step, value });
    }
    return points;
  }

  /** The table of the GradientBoosting estimators, columns right-aligned under a header. */
  private gradientBoosting(line: string): ParsedLine | null {
    if (GB_HEAD.test(line)) {
      this.gbColumns = line.trim().split(/\s{2,}/);
      return { points: [] };
    }
    if (!this.gbColumns) return null;
    const cells = line.trim().split(/\s+/);
    if (cells.length !== this.gbColumns.length || !/^\d+$/.test(cells[0])) return null;
    const step = Number(cells[0]);
    const points: ParsedPoint[] = [];
    for (let i = 1; i < cells.length; i++) {
      if (this.gbColumns[i] === 'Remaining Time') continue;
      const value = numberToken(cells[i]);
      if (value !== undefined) points.push({ name: this.gbColumns[i], step, value });
    }
    return { points };
  }
}

const plugin: ParserPlugin = {
  name: 'sklearn',
  kind: 'parser',
  description: 'scikit-learn verbose output (`Iteration 4, loss = 0.3`, `-- Epoch 3`, GradientBoosting tables)',
  create: () => new SklearnParser(),
};
export default plugin;
