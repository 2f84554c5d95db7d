/**
 * `sweeptop replay` on a budget sweep: a real sweep of a final-score-only script runs its
 * promotions, one level run at a time; replaying its directory with the same settings must give
 * every trial the same verdict (promoted to the same level, or not promoted for the same reason)
 * and spend the budget recorded. With another reduction factor it judges only levels that were
 * run: a promotion whose next level has no record is said so, and never scored.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { useSweepFolder } from '../helpers/sweep-folder.js';

const folder = useSweepFolder();
const BUDGET_RUN = resolve('fixtures/budget-run.mjs');
const LEVELS = [1 / 9, 1 / 3, 1];

const sweepFile = (schedule: string, trials: number) => `name: replay-budget
command: node ${BUDGET_RUN} --lr {lr} --width 64 --budget {budget} --ms 10
parameters:
  lr: {type: uniform, low: 0.0, high: 0.6}
trials: ${trials}
parallel: 1
budget: {min: 0.1, max: 1.0, reduction_factor: 3, schedule: ${schedule}}
metric: {name: accuracy, goal: maximize}
`;

interface LiveTrial {
  id: number;
  state: string;
  reason: string | null;
  runs: Array<{ index: number; key: string; state: string }>;
}

const jsonLines = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));

const levelOf = (key: string) => ['budget 0.111', 'budget 0.333', 'budget 1'].indexOf(key);

async function recordedSweep(schedule: string, trials: number): Promise<{ dir: string; live: LiveTrial[] }> {
  const { temp, env } = folder;
  temp.file('sweep.yaml', sweepFile(schedule, trials));
  const ran = await runCli(['run', 'sweep.yaml', '--headless', '--dir', 'out'], { cwd: temp.path, env });
  expect(ran.code).toBe(0);
  const dir = resolve(temp.path, 'out');
  return { dir, live: JSON.parse((await runCli(['status', dir, '--json'], { env })).stdout).trials };
}

/** Replayed with the settings it ran with: every recorded verdict again, and the budget recorded spent. */
function expectSameVerdicts(live: LiveTrial[], lines: Array<Record<string, unknown>>): void {
  const trials = lines.slice(0, -1);
  expect(trials.map((t) => t.id)).toEqual(live.map((t) => String(t.id)));
  let recordedBudget = 0;
  for (const [index, trial] of trials.entries()) {
    const recorded = live[index];
    const ran = recorded.runs.filter((run) => run.state === 'completed');
    const level = levelOf(ran.at(-1)!.key);
    recordedBudget += ran.reduce((sum, run) => sum + LEVELS[levelOf(run.key)], 0);
    expect({ pruned: trial.pruned, reason: trial.reason, level: trial.level, runs_run: trial.runs_run }).toEqual({
      pruned: recorded.state === 'pruned',
      reason: recorded.state === 'pruned' ? recorded.reason : null,
      level,
      runs_run: ran.length,
    });
    expect(trial.budget).toBeCloseTo(LEVELS[level], 12);
    expect(trial.no_record).toBeNull();
  }
  const { summary } = lines.at(-1) as { summary: Record<string, number> };
  expect(summary.budget_recorded).toBeCloseTo(recordedBudget, 9);
  expect(summary.budget_run).toBeCloseTo(recordedBudget, 9);
  expect(summary.budget_saved_fraction).toBeCloseTo(0, 9);
  expect(summary.promotions_without_record).toBe(0);
}

describe('sweeptop replay on a budget sweep', () => {
  it('asha: the recorded promotions and verdicts again; another reduction factor judges only levels that were run', async () => {
    const { dir, live } = await recordedSweep('asha', 9);
    const { env } = folder;
    expect(live.filter((t) => t.state === 'pruned').length).toBeGreaterThan(0);
    expect(live.filter((t) => t.reason?.startsWith('not promoted at budget 0.111')).length).toBeGreaterThan(0);

    const replayed = await runCli(['replay', dir, '--pruner', 'none', '--json'], { env });
    expect([replayed.code, replayed.stderr]).toEqual([0, '']);
    expectSameVerdicts(live, jsonLines(replayed.stdout));

    // η 2 keeps the top half: more promotions than recorded, some to levels never run
    const halving = await runCli(['replay', dir, '--pruner', 'none', '--reduction-factor', '2', '--json'], { env });
    expect([halving.code, halving.stderr]).toEqual([0, '']);
    const lines = jsonLines(halving.stdout);
    const trials = lines.slice(0, -1);
    const unrecorded = trials.filter((t) => t.no_record !== null);
    expect(unrecorded.length).toBeGreaterThan(0);
    for (const trial of unrecorded) {
      const recorded = live.find((t) => String(t.id) === trial.id)!;
      // the level it would go on to was never run: no score is made up for it
      expect(recorded.runs.some((run) => levelOf(run.key) === trial.no_record.level)).toBe(false);
      expect(trial.no_record.level).toBe(trial.level + 1);
      expect(trial.pruned).toBe(false);
    }
    const summary = lines.at(-1).summary;
    expect(summary.promotions_without_record).toBe(unrecorded.length);
    expect(summary.budget_run).toBeLessThanOrEqual(summary.budget_recorded + 1e-9);

    const table = await runCli(['replay', dir, '--pruner', 'none', '--reduction-factor', '2'], { env });
    expect(table.stdout).toMatch(/would promote to budget (0\.333|1), no record/);
    expect(table.stdout).toMatch(/ran budget [\d.]+ of [\d.]+ recorded/);
  }, 120_000);

  it('hyperband: each bracket decided as it ran; another reduction factor is refused in one line', async () => {
    const { dir, live } = await recordedSweep('hyperband', 14);
    const { env } = folder;
    const replayed = await runCli(['replay', dir, '--pruner', 'none', '--json'], { env });
    expect([replayed.code, replayed.stderr]).toEqual([0, '']);
    expectSameVerdicts(live, jsonLines(replayed.stdout));

    const refused = await runCli(['replay', dir, '--pruner', 'none', '--reduction-factor', '2'], { env });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/--reduction-factor: .*hyperband/);
  }, 120_000);
});
