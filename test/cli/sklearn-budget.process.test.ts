/**
 * The issue's live check: a budget sweep of an unchanged scikit-learn script that prints only its
 * final score (fixtures/sweeps/sklearn-budget.yaml) promotes the best third at each level, and
 * `best` is the best trial at the top level. Each level's result is the one line its process
 * printed (its run's stdout.log): nothing else is read of the script.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { budgetTrials, expectPromotionsByTheRules, levelResults } from '../helpers/budget-verdicts.js';
import { runCli } from '../helpers/cli.js';
import { tempDirPerTest } from '../helpers/sweep.js';

const PYTHON = '/usr/bin/python3';
const LEVELS = ['0.111', '0.333', '1'];

function sklearnMissing(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} is missing`;
  try {
    execFileSync(PYTHON, ['-c', 'import sklearn'], { stdio: 'ignore' });
    return null;
  } catch {
    return `${PYTHON} cannot import sklearn (Debian: apt-get install python3-sklearn)`;
  }
}
const missing = sklearnMissing();
if (missing && process.env.CI === 'true') throw new Error(`CI must run the scikit-learn budget test, but ${missing}`);

const temp = tempDirPerTest();

/** The fixture as a user runs it (9 trials, 2 at once), its cwd made absolute for this folder. */
function sweepText(): string {
  const text = readFileSync(resolve('fixtures/sweeps/sklearn-budget.yaml'), 'utf8').replace(/^cwd: .*$/m, `cwd: ${resolve('fixtures')}`);
  expect(text).toMatch(/^trials: 9$/m);
  expect(text).toMatch(/^parallel: 2$/m);
  return text;
}

describe.skipIf(missing !== null)(
  `a live budget sweep of an unchanged final-score-only scikit-learn script${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    it('promotes the final top third at each level; best is the best trial at the top level', async () => {
      temp.file('sweep.yaml', sweepText());
      const env = { XDG_STATE_HOME: join(temp.path, 'state') };
      const ran = await runCli(['run', 'sweep.yaml', '--headless', '--dir', 'out'], { cwd: temp.path, env });
      expect(ran.code, ran.stdout + ran.stderr).toBe(0);
      const dir = join(temp.path, 'out');

      const trials = budgetTrials(dir);
      expect(trials).toHaveLength(9);
      for (const trial of trials) {
        for (const run of trial.runs) {
          const stdout = readFileSync(join(dir, 'trials', String(trial.id), 'runs', String(run.index), 'stdout.log'), 'utf8');
          const printed = [...stdout.matchAll(/^val_acc: (\S+)$/gm)].map((m) => Number(m[1]));
          expect([run.state, printed], `trial ${trial.id} ${run.key}`).toEqual(['completed', [run.objective]]);
        }
      }
      // every trial ran the first level; asha may promote a trial early, while it ranked in the
      // top third of those that had ended the level, so a level can hold more than the final third
      const reached = LEVELS.map((_, level) => trials.filter((t) => levelResults(t, LEVELS).has(level)).length);
      expect(reached[0]).toBe(9);
      expect(reached[1]).toBeGreaterThanOrEqual(3);
      expect(reached[2]).toBeGreaterThanOrEqual(Math.max(1, Math.floor(reached[1] / 3)));
      expectPromotionsByTheRules(trials, LEVELS, 3);

      const atTop = trials.filter((t) => t.state === 'completed');
      const topBest = [...atTop].sort((a, b) => b.objective! - a.objective! || a.id - b.id)[0];
      const best = JSON.parse((await runCli(['best', dir, '--json'], { env })).stdout);
      expect([best.id, best.objective, best.budget, best.level]).toEqual([topBest.id, topBest.objective, 1, '3/3']);
    }, 180_000);
  },
);
