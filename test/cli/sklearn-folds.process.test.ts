/**
 * The issue's live check: a sweep of an unchanged one-fold scikit-learn script taking `--fold`
 * (fixtures/sweeps/sklearn-folds.yaml) ranks trials by the mean of their folds; `kill -9` of the
 * controller mid-sweep and `resume` lose and repeat no run. The script cannot count its own runs
 * (it is unchanged), so the runs' files do: a run launched again would have a later attempt than 0 (its
 * launch.json) or an attempt-<n>/ folder; one lost would not be completed with exit code 0; each
 * run's stdout.log holds its one `accuracy:` line, the value its trial's mean is made of.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStat } from '../../src/plugin-api/proc.js';
import { runCli } from '../helpers/cli.js';
import { detachedSweepsPerTest } from '../helpers/detached-sweeps.js';
import { expectNoEarlierAttemptRan } from '../helpers/run-attempts.js';
import { waitFor } from '../helpers/sweep.js';

const PYTHON = '/usr/bin/python3';
const TRIALS = 4;
const FOLDS = 5;

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
if (missing && process.env.CI === 'true') throw new Error(`CI must run the scikit-learn folds test, but ${missing}`);

const { env, startDetached } = detachedSweepsPerTest();

/** The fixture as a user runs it, only fewer trials, and its cwd made absolute for this folder. */
function sweepText(): string {
  return readFileSync(resolve('fixtures/sweeps/sklearn-folds.yaml'), 'utf8')
    .replace(/^cwd: .*$/m, `cwd: ${resolve('fixtures')}`)
    .replace(/^trials: .*$/m, `trials: ${TRIALS}`);
}

function runDirs(dir: string): string[] {
  const trials = join(dir, 'trials');
  if (!existsSync(trials)) return [];
  return readdirSync(trials).flatMap((id) => {
    const runs = join(trials, id, 'runs');
    return existsSync(runs) ? readdirSync(runs).map((k) => join(runs, k)) : [];
  });
}

describe.skipIf(missing !== null)(
  `a live sweep of an unchanged one-fold scikit-learn script${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    it('ranks trials by their fold mean; kill -9 of the controller and resume lose and repeat no run', async () => {
      const { dir, controller } = await startDetached(sweepText());
      // some runs over, others in flight
      await waitFor(
        () => {
          const runs = runDirs(dir);
          const ended = runs.filter((run) => existsSync(join(run, 'exit_code'))).length;
          return ended >= 2 && runs.length > ended;
        },
        120_000,
        'runs ended and runs in flight',
      );
      process.kill(controller, 'SIGKILL');
      await waitFor(() => readStat(controller) === undefined || readStat(controller)!.state === 'Z', 5000);
      const resumed = await runCli(['resume', dir, '--headless'], { env });
      expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);

      const status = JSON.parse((await runCli(['status', dir, '--json'], { env })).stdout);
      expect(status.counts).toEqual({ completed: TRIALS });
      for (const trial of status.trials) {
        expect(trial.runs.map((r: { key: string }) => r.key)).toEqual(Array.from({ length: FOLDS }, (_, k) => `fold ${k}`));
        const scores: number[] = [];
        for (const run of trial.runs) {
          const runDir = join(dir, 'trials', String(trial.id), 'runs', String(run.index));
          expect([run.state, run.exit_code], `trial ${trial.id} ${run.key}`).toEqual(['completed', 0]);
          expectNoEarlierAttemptRan(runDir, `trial ${trial.id} ${run.key}`, /^accuracy: /m);
          const printed = [...readFileSync(join(runDir, 'stdout.log'), 'utf8').matchAll(/^accuracy: (\S+)$/gm)].map((m) => Number(m[1]));
          expect(printed, `trial ${trial.id} ${run.key}`).toHaveLength(1);
          expect(run.objective).toBe(printed[0]);
          scores.push(printed[0]);
        }
        expect(trial.objective).toBeCloseTo(scores.reduce((a, b) => a + b, 0) / FOLDS, 12);
      }
      const ranked = [...status.trials].sort((a, b) => b.objective - a.objective || a.id - b.id);
      const best = JSON.parse((await runCli(['best', dir, '--json'], { env })).stdout);
      expect(best.id).toBe(ranked[0].id);
      expect(best.objective).toBe(ranked[0].objective);
    }, 300_000);
  },
);
