/**
 * Whether a completed trial is news for on_new_best: a strict improvement on the best value so far
 * (a tie is not news, whatever the ids), or in a sweep of several objectives a new member of the
 * Pareto front — no completed trial dominates it, and none has exactly its values.
 */
import { isComplete, paretoFront, type ObjectivePoint } from '../../engine/objectives/pareto.js';
import type { TrialSnapshot } from '../../engine/events.js';
import type { Goal } from '../../plugin-api/plugin.js';

export class NewBest {
  private readonly completed: ObjectivePoint[] = [];

  /** `earlier`: the trials the sweep has already (a resumed sweep's), which set the bar without being news. */
  constructor(
    private readonly goals: readonly Goal[],
    earlier: readonly TrialSnapshot[],
  ) {
    for (const trial of earlier) if (trial.state === 'completed') this.completed.push(pointOf(trial));
  }

  /** A trial that completed: true when it is news. It then sets the bar for the next ones. */
  judge(trial: TrialSnapshot): boolean {
    const point = pointOf(trial);
    const others = this.completed.filter((p) => p.id !== trial.id);
    this.completed.splice(0, this.completed.length, ...others, point);
    if (!isComplete(point, this.goals.length)) return false;
    const comparable = others.filter((p) => isComplete(p, this.goals.length));
    if (comparable.some((p) => sameValues(p, point, this.goals.length))) return false;
    return paretoFront([...comparable, point], this.goals).includes(point.id);
  }
}

function pointOf(trial: TrialSnapshot): ObjectivePoint {
  return { id: trial.id, values: trial.objectives ?? [trial.objective] };
}

function sameValues(a: ObjectivePoint, b: ObjectivePoint, count: number): boolean {
  for (let i = 0; i < count; i++) if (a.values[i] !== b.values[i]) return false;
  return true;
}
