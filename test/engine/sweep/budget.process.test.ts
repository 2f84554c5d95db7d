import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrialSnapshot } from '../../../src/engine/events.js';
import { makeSweep, runToEnd, tempDirPerTest } from '../../helpers/sweep.js';

const temp = tempDirPerTest();
const BUDGET_RUN = resolve('fixtures/budget-run.mjs');
const LEVELS = ['0.111', '0.333', '1'];

const sweepFile = (
  schedule: string,
  trials: number,
  parallel: number,
) => `command: node ${BUDGET_RUN} --lr {lr} --width 64 --budget {budget} --ms 20 --ledger ledger.txt
parameters:
  lr: {type: uniform, low: 0.0, high: 0.6}
trials: ${trials}
parallel: ${parallel}
budget: {min: 0.1, max: 1.0, schedule: ${schedule}}
metric: {name: accuracy, goal: maximize}
`;

/** Each process the fixture ran, as `trial budget`, from its ledger. */
function ledger(): string[] {
  const path = join(temp.path, 'ledger.txt');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('end '))
    .map((line) => /trial=(\d+) budget=(\S+)/.exec(line)!.slice(1).join(' '));
}

/** Level k's result of each trial that completed it. */
function resultsAt(trials: TrialSnapshot[], level: number): { id: number; value: number }[] {
  return trials.flatMap((t) => {
    const run = t.runs?.find((r) => r.key === `budget ${LEVELS[level]}` && r.state === 'completed');
    return run ? [{ id: t.id, value: run.objective! }] : [];
  });
}

const reached = (trial: TrialSnapshot) => trial.runs!.filter((r) => r.state === 'completed').length;

describe('a budget sweep: successive halving by relaunch', () => {
  it('asha: the best third of each level goes on, the others end pruned saying why, no level runs twice', async () => {
    const sweep = await makeSweep(temp, sweepFile('asha', 9, 2));
    const snapshot = await runToEnd(sweep);
    const { trials } = snapshot;
    expect(new Set(ledger()).size).toBe(ledger().length);
    for (const level of [0, 1]) {
      const done = resultsAt(trials, level).sort((a, b) => b.value - a.value);
      const top = done.slice(0, Math.max(1, Math.floor(done.length / 3)));
      // the final rung's top third all went on
      for (const { id } of top) expect(reached(trials.find((t) => t.id === id)!)).toBeGreaterThan(level + 1);
      for (const { id } of done.slice(top.length)) {
        const trial = trials.find((t) => t.id === id)!;
        if (reached(trial) > level + 1) continue; // promoted while it ranked in the top third then
        expect(trial.state).toBe('pruned');
        expect(trial.reason).toMatch(
          new RegExp(`^not promoted at budget ${LEVELS[level]}: [\\d.]+ not in top \\d+ of \\d+ \\(cutoff [\\d.]+\\)$`),
        );
      }
    }
    for (const trial of trials) {
      const runs = trial.runs!;
      expect(runs.map((r) => r.key)).toEqual(LEVELS.slice(0, runs.length).map((b) => `budget ${b}`));
      runs.forEach((run, k) => expect(run.command).toContain(`--budget ${[1 / 9, 1 / 3, 1][k]}`));
      // its objective is its result at the highest level it completed, that level its step
      expect(trial.objective).toBeCloseTo(runs.at(-1)!.objective!, 9);
      expect(trial.step).toBe(runs.length - 1);
      expect(trial.state).toBe(runs.length === 3 ? 'completed' : 'pruned');
    }
    const best = trials.find((t) => t.id === snapshot.bestTrialId)!;
    expect(best.runs).toHaveLength(3);
  });

  it('hyperband: brackets of 9, 5 and 3 trials, each rung decided when all its trials ended it', async () => {
    const sweep = await makeSweep(temp, sweepFile('hyperband', 17, 3));
    const { trials } = await runToEnd(sweep);
    const bracket = (ids: number[]) => trials.filter((t) => ids.includes(t.id));
    const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
    const first = bracket(range(0, 9));
    expect(first.every((t) => t.runs![0].key === 'budget 0.111')).toBe(true);
    const byLevel0 = [...first].sort((a, b) => b.runs![0].objective! - a.runs![0].objective!);
    expect(byLevel0.filter((t) => t.runs!.length > 1).map((t) => t.id)).toEqual(byLevel0.slice(0, 3).map((t) => t.id));
    const byLevel1 = byLevel0.slice(0, 3).sort((a, b) => b.runs![1].objective! - a.runs![1].objective!);
    expect(byLevel1.filter((t) => t.runs!.length > 2).map((t) => t.id)).toEqual([byLevel1[0].id]);
    const second = bracket(range(9, 14));
    expect(second.every((t) => t.runs![0].key === 'budget 0.333')).toBe(true);
    expect(second.filter((t) => t.runs!.length === 2)).toHaveLength(1);
    const third = bracket(range(14, 17));
    expect(third.every((t) => t.runs!.length === 1 && t.runs![0].key === 'budget 1' && t.state === 'completed')).toBe(true);
    expect(JSON.parse(readFileSync(join(third[0].dir, 'result.json'), 'utf8')).ladder).toEqual({ bracket: 2, startLevel: 2 });
  });
});
