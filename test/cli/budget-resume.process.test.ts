/**
 * A detached budget sweep whose controller is killed -9 mid-sweep, then resumed: no level a trial
 * finished runs again (the fixture's ledger counts each level's processes, the run folders their
 * attempts), promotions go on, every trial ends as the rules say on the recorded results, and
 * Hyperband's trials keep their brackets. Killed once while a promoted level runs, once
 * while trials wait for their promotion (no process, no slot).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStat } from '../../src/plugin-api/proc.js';
import { budgetTrials, expectPromotionsByTheRules } from '../helpers/budget-verdicts.js';
import { runCli } from '../helpers/cli.js';
import { detachedSweepsPerTest } from '../helpers/detached-sweeps.js';
import { expectNoEarlierAttemptRan } from '../helpers/run-attempts.js';
import { waitFor } from '../helpers/sweep.js';

const { temp, env, startDetached } = detachedSweepsPerTest();
const BUDGET_RUN = resolve('fixtures/budget-run.mjs');
const LEVELS = ['0.111', '0.333', '1'];
/** The fixture's `--budget` of each level, as its ledger prints it. */
const BUDGETS = [1 / 9, 1 / 3, 1].map(String);

const sweepText = (schedule: string, trials: number) => `name: budget-resume
command: node ${BUDGET_RUN} --lr {lr} --width 64 --budget {budget} --ms 1200 --checkpoint-dir {trial.dir} --ledger ledger.txt
parameters:
  lr: {type: uniform, low: 0.0, high: 0.6}
trials: ${trials}
parallel: 2
budget: {min: 0.1, max: 1.0, reduction_factor: 3, schedule: ${schedule}}
metric: {name: accuracy, goal: maximize}
`;

interface LedgerLine {
  what: 'start' | 'end';
  trial: number;
  level: number;
}

function ledger(): LedgerLine[] {
  const path = join(temp.path, 'ledger.txt');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [, what, trial, budget] = /^(\w+) trial=(\d+) budget=(\S+)/.exec(line)!;
      return { what: what as LedgerLine['what'], trial: Number(trial), level: BUDGETS.indexOf(budget) };
    });
}

/** A trial promoted runs its next level now (not a Hyperband trial's first level, above level 0). */
function promotedLevelRuns(): boolean {
  const lines = ledger();
  return lines.some(
    (line, at) =>
      line.what === 'start' &&
      lines.slice(0, at).some((l) => l.trial === line.trial && l.what === 'end') &&
      !lines.slice(at).some((l) => l.trial === line.trial && l.what === 'end' && l.level === line.level),
  );
}

/** At least two trials completed a level and wait for their promotion, and not all trials started yet (so none is judged final). */
function trialsWait(total: number): boolean {
  const lines = ledger();
  const started = new Set(lines.filter((l) => l.what === 'start').map((l) => l.trial));
  const waiting = [...started].filter((trial) => {
    const own = lines.filter((l) => l.trial === trial);
    const last = own.at(-1)!;
    return last.what === 'end' && last.level < LEVELS.length - 1;
  });
  return waiting.length >= 2 && started.size < Math.min(total, 9);
}

const cases = [
  { schedule: 'asha', trials: 9, moment: 'a promoted level runs' },
  { schedule: 'asha', trials: 9, moment: 'trials wait for their promotion' },
  // bracket 0: 9 trials from level 0; bracket 1, cut short by the trials budget: 2 from level 1
  { schedule: 'hyperband', trials: 11, moment: 'a promoted level runs' },
  { schedule: 'hyperband', trials: 11, moment: 'trials wait for their promotion' },
];

describe('a budget sweep whose controller is killed -9', () => {
  it.each(cases)(
    '$schedule, killed while $moment: resume runs no level twice and ends every trial by the rules',
    async ({ schedule, trials, moment }) => {
      const { dir, controller } = await startDetached(sweepText(schedule, trials));
      await waitFor(() => (moment.startsWith('trials wait') ? trialsWait(trials) : promotedLevelRuns()), 60_000, moment);
      process.kill(controller, 'SIGKILL');
      await waitFor(() => readStat(controller) === undefined || readStat(controller)!.state === 'Z', 5000);
      const killedAt = ledger();

      const resumed = await runCli(['resume', dir, '--headless'], { env });
      expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);

      const lines = ledger();
      expect(lines.length, 'the sweep went on after the resume').toBeGreaterThan(killedAt.length);
      const records = budgetTrials(dir);
      expect(records).toHaveLength(trials);
      for (const trial of records) {
        const starts = lines.filter((l) => l.what === 'start' && l.trial === trial.id).map((l) => l.level);
        const ends = lines.filter((l) => l.what === 'end' && l.trial === trial.id).map((l) => l.level);
        // each level it ran, once: one process started and ended, one run folder
        const ran = trial.runs.map((r) => LEVELS.indexOf(r.key.slice('budget '.length)));
        expect(starts, `trial ${trial.id}`).toEqual(ran);
        expect(ends, `trial ${trial.id}`).toEqual(ran);
        expect(readdirSync(join(dir, 'trials', String(trial.id), 'runs')).sort()).toEqual(trial.runs.map((r) => String(r.index)));
        for (const run of trial.runs) {
          const runDir = join(dir, 'trials', String(trial.id), 'runs', String(run.index));
          // the ledger above proves no level started twice; a launch the kill cut short runs once more
          expectNoEarlierAttemptRan(runDir, `trial ${trial.id} ${run.key}`, /^accuracy=/m);
        }
        if (schedule === 'hyperband') {
          const expected = trial.id < 9 ? { bracket: 0, startLevel: 0 } : { bracket: 1, startLevel: 1 };
          expect(trial.ladder, `trial ${trial.id}`).toEqual(expected);
          expect(JSON.parse(readFileSync(join(dir, 'trials', String(trial.id), 'result.json'), 'utf8')).ladder).toEqual(expected);
        } else {
          expect(trial.ladder).toEqual({ bracket: null, startLevel: 0 });
        }
      }
      expectPromotionsByTheRules(records, LEVELS, 3);
    },
    180_000,
  );
});
