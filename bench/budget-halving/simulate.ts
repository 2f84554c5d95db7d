/**
 * A budget sweep replayed on recorded scores: an event-driven simulation of `workers` slots, in
 * which a run at a budget level takes as long as its budget and gives the score recorded for its
 * configuration at that level. Which trial runs next is the engine's own rules (decidePromotions,
 * hyperbandBracket), asked whenever a slot is free, as the live sweep asks them; only the clock,
 * the slots and the recorded scores are this file's.
 */
import { hyperbandBracket } from '../../src/engine/budget/hyperband-brackets.js';
import { decidePromotions, type LadderTrial } from '../../src/engine/budget/promotion.js';
import type { Goal } from '../../src/plugin-api/plugin.js';

export interface ScoreTable {
  /** Budget of each level, ascending; the last is the full budget. */
  levels: number[];
  /** scores[config][level]: the recorded score of that configuration at that level. */
  scores: number[][];
  goal: Goal;
}

export interface SweepSetup {
  schedule: 'asha' | 'hyperband';
  reductionFactor: number;
  workers: number;
  /** Configurations in the order the sweep samples them; the trials budget is its length. */
  order: readonly number[];
}

export interface LevelRun {
  config: number;
  level: number;
  start: number;
  end: number;
}

export interface SweepOutcome {
  runs: LevelRun[];
  /** Sum of the budgets of every run. */
  compute: number;
  /** When the last run ended. */
  wallTime: number;
  /** Configurations that completed the top level: the ones `best` chooses among. */
  completed: number[];
  /** The best score among them (what the sweep reports as best). */
  best: number;
  /** Configurations ended as not promoted, with the engine's reason. */
  notPromoted: { config: number; level: number; reason: string }[];
}

interface SimTrial extends LadderTrial {
  config: number;
  results: Map<number, number>;
}

export function simulateBudgetSweep(table: ScoreTable, setup: SweepSetup): SweepOutcome {
  const { levels, scores, goal } = table;
  const top = levels.length - 1;
  const trials: SimTrial[] = [];
  const running: { trial: SimTrial; end: number; run: LevelRun }[] = [];
  const outcome: SweepOutcome = { runs: [], compute: 0, wallTime: 0, completed: [], best: Number.NaN, notPromoted: [] };
  let now = 0;

  const launch = (trial: SimTrial, level: number) => {
    const run = { config: trial.config, level, start: now, end: now + levels[level] };
    trial.running = level;
    running.push({ trial, end: run.end, run });
    outcome.runs.push(run);
    outcome.compute += levels[level];
  };

  /** The next run for a free slot: a promotion first, else a new trial; false when there is none. */
  const fillSlot = (): boolean => {
    const closed = trials.length >= setup.order.length;
    // Verdicts change the history they were drawn from (a trial told no no longer waits), which can
    // make a higher rung final: ask again until the answer holds, as a live sweep does on each change.
    for (;;) {
      const verdicts = decidePromotions(trials, { levels, reductionFactor: setup.reductionFactor, goal, schedule: setup.schedule, closed });
      for (const { id, level, reason } of verdicts.notPromoted) {
        trials[id].ended = true;
        outcome.notPromoted.push({ config: trials[id].config, level, reason });
      }
      const promotion = verdicts.promote[0];
      if (promotion) {
        launch(trials[promotion.id], promotion.level);
        return true;
      }
      if (verdicts.notPromoted.length === 0) break;
    }
    if (closed) return false;
    const ordinal = trials.length;
    const { bracket, startLevel } =
      setup.schedule === 'hyperband' ? hyperbandBracket(ordinal, levels.length, setup.reductionFactor) : { bracket: null, startLevel: 0 };
    const trial: SimTrial = {
      id: ordinal,
      config: setup.order[ordinal],
      bracket,
      startLevel,
      results: new Map(),
      running: null,
      ended: false,
    };
    trials.push(trial);
    launch(trial, startLevel);
    return true;
  };

  for (;;) {
    while (running.length < setup.workers && fillSlot()) {}
    if (running.length === 0) break;
    // the run that ends first (ties: the one launched first) frees its slot
    let next = 0;
    for (let i = 1; i < running.length; i++) if (running[i].end < running[next].end) next = i;
    const [{ trial, end, run }] = running.splice(next, 1);
    now = end;
    trial.running = null;
    trial.results.set(run.level, scores[trial.config][run.level]);
  }

  outcome.wallTime = now;
  const waiting = trials.filter((t) => !t.ended && !t.results.has(top));
  if (waiting.length > 0)
    throw new Error(`the sweep ended with ${waiting.length} trial(s) neither at the top level nor told they are not promoted`);
  outcome.completed = trials.filter((t) => t.results.has(top)).map((t) => t.config);
  const topScores = outcome.completed.map((config) => scores[config][top]).filter((v) => !Number.isNaN(v));
  outcome.best = topScores.length ? (goal === 'maximize' ? Math.max(...topScores) : Math.min(...topScores)) : Number.NaN;
  return outcome;
}

/** Random search at the full budget over the first configurations of `order` that `compute` pays for. */
export function randomSearchWithCompute(table: ScoreTable, order: readonly number[], compute: number): { configs: number; best: number } {
  const top = table.levels.length - 1;
  const full = table.levels[top];
  const configs = Math.min(order.length, Math.max(1, Math.floor(compute / full + 1e-9)));
  const values = order.slice(0, configs).map((config) => table.scores[config][top]);
  return { configs, best: table.goal === 'maximize' ? Math.max(...values) : Math.min(...values) };
}
