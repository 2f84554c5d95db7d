/**
 * Which finished trials `clean` empties of their large files, and why: `--pruned` takes the trials
 * the pruner stopped; `--keep-top K` every finished trial but the top K completed ones. The top is
 * what `best` and `status` rank by: one objective, the best K by it (ties: the lower id, as `best`);
 * several, whole Pareto fronts (rank 0 the front, then the front once it is set aside), taken until
 * at least K trials are kept — a front's trials are not ranked among themselves, so one is never
 * cut in two, and the front is kept whole whatever K is.
 *
 * `--pruned` leaves failed, killed, timed-out and lost trials alone: their logs are what says why
 * they ended (result.json keeps only the last 20 lines of stderr); `--keep-top` takes them too.
 */
import type { Goal } from '../../plugin-api/plugin.js';
import { isFinished, type TrialState } from '../../plugin-api/trial-state.js';
import { decodeNumber, type JsonNumber } from '../../plugin-api/json-number.js';
import { outranks } from '../metrics/objective.js';
import { nonDominatedRanks } from '../objectives/pareto.js';
import { recordedObjectives } from '../objectives/recorded.js';

export interface CleanRequest {
  /** Remove the files of trials the pruner stopped. */
  pruned: boolean;
  /** Remove the files of every finished trial but the top K completed ones; null: keep them all. */
  keepTop: number | null;
}

export interface RankedTrial {
  id: number;
  state: TrialState;
  objective: JsonNumber | null;
  objectives?: ReadonlyArray<JsonNumber | null>;
}

export type CleanReason = 'pruned' | 'outside the top';

/** The trials to clean, by id, with why; and the ids kept as the top (empty without --keep-top). */
export function cleanSelection(
  trials: readonly RankedTrial[],
  goals: readonly Goal[],
  request: CleanRequest,
): { chosen: Map<number, CleanReason>; top: number[] } {
  const top = request.keepTop === null ? [] : topTrials(trials, goals, request.keepTop);
  const kept = new Set(top);
  const chosen = new Map<number, CleanReason>();
  for (const trial of trials) {
    if (!isFinished(trial.state)) continue;
    if (request.pruned && trial.state === 'pruned') chosen.set(trial.id, 'pruned');
    else if (request.keepTop !== null && !kept.has(trial.id)) chosen.set(trial.id, 'outside the top');
  }
  return { chosen, top };
}

/** The ids of the top `count` completed trials, best first (several objectives: front by front). */
export function topTrials(trials: readonly RankedTrial[], goals: readonly Goal[], count: number): number[] {
  const completed = trials.filter((trial) => trial.state === 'completed');
  if (goals.length > 1) return topFronts(completed, goals, count);
  const goal = goals[0] ?? 'minimize';
  const scored = completed
    .map((trial) => ({ id: trial.id, value: decodeNumber(trial.objective) }))
    .filter((t): t is { id: number; value: number } => t.value !== undefined && !Number.isNaN(t.value));
  scored.sort((a, b) => (outranks(a.value, a.id, b, goal) ? -1 : 1));
  return scored.slice(0, count).map((t) => t.id);
}

function topFronts(completed: readonly RankedTrial[], goals: readonly Goal[], count: number): number[] {
  const ranked = nonDominatedRanks(
    completed.map((trial) => ({ id: trial.id, values: recordedObjectives(trial) })),
    goals,
  );
  const kept: number[] = [];
  for (let rank = 0; kept.length < count; rank++) {
    const front = ranked.filter((r) => r.rank === rank).map((r) => r.id);
    if (front.length === 0) break;
    kept.push(...front.sort((a, b) => a - b));
  }
  return kept;
}
