/**
 * Which of the points found in a trial's output are metrics, and which are the trial's echoed
 * configuration, kept apart so that they never fill the metric list, the chart or `best`:
 *
 * - a key equal to one of the trial's parameters, printed with the trial's own value
 *   (`lr: 0.001` from a script that logs its arguments);
 * - a value printed once before training started, i.e. before any step was seen
 *   (`train samples: 1437`). Printed a second time, it is a metric after all and both points
 *   are recorded; it is judged once training starts (the first point with a step) or at the end.
 *
 * The objective and its summaries are always metrics: a script may print nothing else; and so
 * is a summary of a metric already recorded (`mean/accuracy` after five folds' `accuracy`): a
 * result, printed once by nature. `test samples: 360` before training is configuration.
 */
import type { EchoedValue } from '../../plugin-api/parser.js';
import type { Params } from '../../plugin-api/space.js';
import type { ExtractedPoint } from './extractor.js';
import { standInQualifier } from './objective.js';
import { splitSummaryName } from '../../plugin-api/metric-names.js';

export class PointTriage {
  /** Parameter names as scripts tend to spell them (`batch-size` → batch_size, any case). */
  private readonly params = new Map<string, number>();
  /** Values printed once so far before the first step, by name, in order. */
  private readonly held = new Map<string, ExtractedPoint>();
  /** Names printed twice before the first step: metrics. */
  private readonly repeated = new Set<string>();
  private trainingStarted = false;
  /** Names recorded as metrics so far, whose summaries are results. */
  private readonly recorded = new Set<string>();

  /** The objectives' names: one, or a sweep of several's (each is always a metric). */
  private readonly objectiveNames: readonly string[];

  constructor(params: Params, objectiveNames: string | readonly string[]) {
    this.objectiveNames = typeof objectiveNames === 'string' ? [objectiveNames] : objectiveNames;
    for (const [name, value] of Object.entries(params)) if (typeof value === 'number') this.params.set(spelling(name), value);
  }

  /** The metrics among `points` (in order); the rest go into `echoed`. */
  sort(points: readonly ExtractedPoint[], echoed: Record<string, EchoedValue>): ExtractedPoint[] {
    const metrics: ExtractedPoint[] = [];
    for (const point of points) this.take(point, echoed, metrics);
    return metrics;
  }

  /**
   * From now on every point is a metric, as it is: there are no parameters to compare with, and
   * training has started (nothing is held, and nothing is judged before the first step again).
   */
  get admitsAll(): boolean {
    return this.params.size === 0 && this.trainingStarted;
  }

  /** One point: what is a metric now goes onto `metrics` (nothing, the point, or a held one and the point); configuration into `echoed`. */
  take(point: ExtractedPoint, echoed: Record<string, EchoedValue>, metrics: ExtractedPoint[]): void {
    if (this.echoesParameter(point)) {
      echoed[point.name] = point.value;
    } else if (this.isObjective(point.name)) {
      this.startTraining(point, echoed);
      this.recorded.add(point.name);
      metrics.push(point);
    } else if (point.beforeFirstStep && !this.trainingStarted && !this.repeated.has(point.name) && !this.summarisesRecorded(point.name)) {
      const first = this.held.get(point.name);
      if (first === undefined) {
        this.held.set(point.name, point);
      } else {
        this.held.delete(point.name);
        this.repeated.add(point.name);
        this.recorded.add(point.name);
        metrics.push(first, point);
      }
    } else {
      this.startTraining(point, echoed);
      this.recorded.add(point.name);
      metrics.push(point);
    }
  }

  /** An objective's own name, or a summary that may stand in for one. */
  private isObjective(name: string): boolean {
    return this.objectiveNames.some((objective) => name === objective || standInQualifier(name, objective) !== undefined);
  }

  /** The output ended: what was printed once and never again before any step is echoed. */
  end(echoed: Record<string, EchoedValue>): void {
    for (const [name, point] of this.held) echoed[name] = point.value;
    this.held.clear();
  }

  private startTraining(point: ExtractedPoint, echoed: Record<string, EchoedValue>): void {
    if (this.trainingStarted || point.beforeFirstStep) return;
    this.trainingStarted = true;
    this.end(echoed);
  }

  private summarisesRecorded(name: string): boolean {
    const summary = splitSummaryName(name);
    return summary !== null && this.recorded.has(summary.key);
  }

  private echoesParameter(point: ExtractedPoint): boolean {
    if (this.params.size === 0) return false;
    const own = this.params.get(spelling(point.name));
    return own !== undefined && sameNumber(own, point.value);
  }
}

function spelling(name: string): string {
  return name.toLowerCase().replaceAll('-', '_');
}

/** Equal as printed: `0.001` for 0.001, `1e-3`, `0.0010`; a relative tolerance for float printing. */
function sameNumber(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}
