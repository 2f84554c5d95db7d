/**
 * A budget sweep's trials as the promotion rules (budget/promotion.ts) read them, and their
 * verdicts: which level run launches next, which waiting trial ends `pruned`, not promoted.
 */
import type { Goal } from '../../plugin-api/plugin.js';
import { isFinished } from '../../plugin-api/trial-state.js';
import { decidePromotions, type LadderTrial, type Promotions } from '../budget/promotion.js';
import type { BudgetSettings } from '../config/sweep-config.js';
import type { TrialEntry } from './trial-entry.js';

export class BudgetLadder {
  constructor(
    readonly budget: BudgetSettings,
    private readonly goal: Goal,
  ) {}

  get topLevel(): number {
    return this.budget.levels.length - 1;
  }

  /** `closed`: no new trial will start. `decided`: trials whose end is decided already (never promoted). */
  decide(entries: Iterable<TrialEntry>, closed: boolean, decided: (trial: TrialEntry) => boolean): Promotions {
    const trials: LadderTrial[] = [];
    for (const entry of entries) if (entry.ladder) trials.push(ladderTrial(entry, decided(entry)));
    const { levels, reductionFactor, schedule } = this.budget;
    return decidePromotions(trials, { levels, reductionFactor, goal: this.goal, schedule, closed });
  }

  /** The level of the last run a trial has (its level now, or the one it completed last). */
  static levelOf(trial: TrialEntry): number {
    return trial.runs?.at(-1)?.level?.index ?? trial.ladder?.startLevel ?? 0;
  }
}

function ladderTrial(entry: TrialEntry, decided: boolean): LadderTrial {
  const results = new Map<number, number>();
  let running: number | null = null;
  for (const run of entry.runs ?? []) {
    if (!run.level) continue;
    if (run.state === 'completed') results.set(run.level.index, run.result() ?? NaN);
    else if (!isFinished(run.state)) running = run.level.index;
  }
  const ended = decided || isFinished(entry.state);
  // a trial not started yet will run its start level: it holds its rung open like a running one
  if (entry.state === 'queued' && !ended) running = entry.ladder!.startLevel;
  return { id: entry.id, bracket: entry.ladder!.bracket, startLevel: entry.ladder!.startLevel, results, running, ended };
}
