/**
 * For tests of finished budget sweeps: reads the trials back from sweep.json and checks that they
 * ended as successive halving says they must, from their recorded level results alone — at each
 * level (within each Hyperband bracket), the final top max(1, floor(n/η)) of the n trials that
 * completed it went on, every other one ended `pruned` with the reason and its numbers, and only
 * a trial that completed the top level ended `completed`, its objective its top level's result.
 * Written from the rules as the docs state them, not from the code that applies them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

export interface LevelRunRecord {
  index: number;
  key: string;
  state: string;
  attempt: number;
  objective: number | null;
}

export interface BudgetTrialRecord {
  id: number;
  state: string;
  reason: string | null;
  objective: number | null;
  ladder: { bracket: number | null; startLevel: number };
  runs: LevelRunRecord[];
}

export function budgetTrials(dir: string): BudgetTrialRecord[] {
  return JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8')).trials;
}

/** Level index → result, of the levels a trial completed. */
export function levelResults(trial: BudgetTrialRecord, levels: readonly string[]): Map<number, number> {
  const results = new Map<number, number>();
  for (const run of trial.runs) {
    if (run.state !== 'completed') continue;
    results.set(levels.indexOf(run.key.slice('budget '.length)), run.objective ?? NaN);
  }
  return results;
}

const shown = (value: number) => String(Number(value.toPrecision(4)));

/**
 * `levels`: the levels as the run keys name them (`['0.111', '0.333', '1']`); a goal to maximize.
 * Hyperband's groups are its brackets, asha's the whole sweep.
 */
export function expectPromotionsByTheRules(trials: readonly BudgetTrialRecord[], levels: readonly string[], eta: number): void {
  const top = levels.length - 1;
  const groups = new Map<number | null, BudgetTrialRecord[]>();
  for (const trial of trials) groups.set(trial.ladder.bracket, [...(groups.get(trial.ladder.bracket) ?? []), trial]);
  for (const [bracket, group] of groups) {
    for (let level = 0; level < top; level++) {
      const value = (t: BudgetTrialRecord) => levelResults(t, levels).get(level)!;
      const members = group.filter((t) => levelResults(t, levels).has(level));
      if (members.length === 0) continue;
      const ranked = [...members].sort((a, b) => value(b) - value(a) || a.id - b.id);
      const count = Math.max(1, Math.floor(members.length / eta));
      const wentOn = (t: BudgetTrialRecord) => t.runs.some((r) => r.key === `budget ${levels[level + 1]}`);
      const where = `bracket ${bracket}, level ${levels[level]}`;
      const kept = ranked.slice(0, count);
      for (const trial of kept) expect(wentOn(trial), `${where}: trial ${trial.id} is in the top ${count}`).toBe(true);
      const cutoff = value(kept.at(-1)!);
      for (const trial of ranked.slice(count)) {
        // asha promotes a trial as soon as it ranks in the top third of the rung so far
        if (bracket === null && wentOn(trial)) continue;
        expect(wentOn(trial), `${where}: trial ${trial.id} is not in the top ${count}`).toBe(false);
        expect([trial.state, trial.reason], `${where}: trial ${trial.id}`).toEqual([
          'pruned',
          `not promoted at budget ${levels[level]}: ${shown(value(trial))} not in top ${count} of ${members.length} (cutoff ${shown(cutoff)})`,
        ]);
      }
    }
  }
  for (const trial of trials) {
    const results = levelResults(trial, levels);
    const reached = Math.max(...results.keys());
    expect(trial.state, `trial ${trial.id}`).toBe(reached === top ? 'completed' : 'pruned');
    expect(trial.objective, `trial ${trial.id}`).toBe(results.get(reached));
  }
}
