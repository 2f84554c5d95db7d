/**
 * A sweep of several objectives' Pareto front among the trials on screen: the completed trials no
 * other completed trial beats in every objective, as `sweeptop best` lists them (the engine's
 * pareto.ts decides; the screen only asks). O(completed² · objectives), once per batch of events.
 */
import { paretoFront } from '../../engine/objectives/pareto.js';
import type { SweepView } from './sweep-view.js';

export function paretoMembers(view: SweepView): ReadonlySet<number> {
  const goals = (view.info.objectives ?? [view.info.metric]).map((objective) => objective.goal);
  const points = [];
  for (const trial of view.trials.values()) {
    const { snapshot } = trial;
    if (snapshot.state !== 'completed') continue;
    points.push({ id: snapshot.id, values: snapshot.objectives ?? [snapshot.objective] });
  }
  return new Set(paretoFront(points, goals));
}
