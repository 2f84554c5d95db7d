/**
 * A budget sweep's trial as the screens show it: the budget level it runs now, or the highest it
 * reached (`0.333 2/3`), and whether it waits for a promotion. A waiting trial is still `running`
 * for the engine (in progress, between levels) but has no process: shown `running`, it would read
 * as a hung trial, so the table and the header call it `waiting` (display only).
 */
import type { TrialSnapshot } from '../../engine/events.js';
import { formatBudget } from '../../engine/budget/levels.js';
import { isFinished } from '../../plugin-api/trial-state.js';

export interface BudgetLevel {
  budget: number;
  /** Index into the sweep's levels (0 the smallest). */
  index: number;
  /** How many levels the sweep has. */
  count: number;
}

/** Its level now (its last run's), or null outside a budget sweep. */
export function budgetLevelOf(trial: TrialSnapshot, levels: readonly number[] | undefined): BudgetLevel | null {
  const index = trial.runs?.at(-1)?.level;
  if (!levels || index === undefined || index >= levels.length) return null;
  return { budget: levels[index], index, count: levels.length };
}

/** `0.333 2/3`: the budget, and which level of how many. */
export function levelText(level: BudgetLevel): string {
  return `${formatBudget(level.budget)} ${level.index + 1}/${level.count}`;
}

/** The widest levelText of `levels`: the budget column's width. */
export function levelTextWidth(levels: readonly number[]): number {
  return Math.max(...levels.map((budget, index) => levelText({ budget, index, count: levels.length }).length));
}

/** In progress with every level it ran over: it waits for the ladder to promote it or end it. */
export function waitsForPromotion(trial: TrialSnapshot): boolean {
  const runs = trial.runs ?? [];
  return trial.state === 'running' && runs.length > 0 && runs.at(-1)!.level !== undefined && runs.every((r) => isFinished(r.state));
}
