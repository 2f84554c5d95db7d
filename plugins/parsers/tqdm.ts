/**
 * tqdm progress bars with a postfix:
 *   `Epoch 3:  45%|████▌     | 45/100 [00:01<00:01, 44.2it/s, loss=0.123, acc=0.9]`
 * Metrics are the postfix pairs (`set_postfix`); the bar's own figures (elapsed, ETA, it/s) never
 * are. The step is a step/epoch pair of the postfix, else the number the description names
 * (`Epoch 3`), else the bar's count. A bar redrawn with `\r` gives its last value per step; when
 * the step comes from the description, values before the bar is full are in progress.
 */
import type { ParsedLine, ParsedPoint, ParserPlugin } from '../../src/plugin-api/parser.js';
import { forEachPostfixNumber, parseTqdmBar, stepInDesc, type TqdmBar } from './lib/tqdm-bar.js';
import { isNeverMetric, stepKeyRank } from '../../src/plugin-api/step-keys.js';

export function parseTqdmLine(line: string): ParsedLine | null {
  const bar = parseTqdmBar(line);
  // a count that is no number (`5A/100`: a bar garbled by another write) gives no step to report
  if (!bar || Number.isNaN(bar.n)) return null;
  const descStep = stepInDesc(bar.desc);
  const points = pointsFromBar(bar, descStep);
  // the bar's own count is the training's progress only when nothing else gives the step (a bar
  // inside `Epoch 3` counts that epoch's batches)
  const countsTraining = descStep === null && bar.total > 0 && points.every((p) => p.step === bar.n);
  return countsTraining ? { points, progress: { done: bar.n, total: bar.total } } : { points };
}

/** The postfix as points; `descStep` is the step the description gave, if any. */
export function pointsFromBar(bar: TqdmBar, descStep: number | null): ParsedPoint[] {
  const points: ParsedPoint[] = [];
  let step: number | null = null;
  let stepRank = Infinity;
  // item by item, without an array of pairs: this runs for every redraw of every bar
  forEachPostfixNumber(bar.postfix, (key, value) => {
    if (value === undefined) return;
    const rank = stepKeyRank(key);
    if (rank === -1) {
      if (!isNeverMetric(key)) points.push({ name: key, step: null, value });
    } else if (rank < stepRank) {
      stepRank = rank;
      step = value;
    }
  });
  const inProgress = step === null && descStep !== null && !(bar.n >= bar.total);
  step ??= descStep ?? bar.n;
  for (const point of points) {
    point.step = step;
    if (inProgress) point.inProgress = true;
  }
  return points;
}

const plugin: ParserPlugin = {
  name: 'tqdm',
  kind: 'parser',
  description: 'tqdm bars with a postfix (`45/100 [00:01<00:01, 44.2it/s, loss=0.123]`)',
  create: () => ({ parse: parseTqdmLine, endsWith: ']' }),
};
export default plugin;
