/**
 * `sweeptop replay` on a sweep with folds: a real sweep runs with a pruner inside runs and
 * pruning across runs, then replaying its directory with the same settings must take the same
 * decisions, for the same reasons, naming the same runs.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { useSweepFolder } from '../helpers/sweep-folder.js';

const folder = useSweepFolder();
const FOLD_RUN = resolve('fixtures/fold-run.mjs');
/**
 * Run results are 0.5 + lr + fold/100. Trials 0 and 1 complete; 2 and 3 are stopped after their
 * first fold across runs (the in-run pruner waits for 3 completed trials); 4 completes; 5 is
 * stopped inside its first fold, judged against fold 0 of trials 0, 1 and 4.
 */
const LRS = [0.3, 0.2, 0.05, 0.1, 0.4, 0.15];

const SWEEP = `name: replay-folds
command: node ${FOLD_RUN} --lr {lr} --fold {fold} --epochs 3 --epoch-ms 30
parameters:
  lr: {type: categorical, values: [${LRS.join(', ')}]}
sampler: grid
folds: 3
metric: {name: val_acc, goal: maximize}
pruner: {type: median, n_startup_trials: 3, n_warmup_steps: 0}
runs_pruning: {n_startup_trials: 2, n_min_trials: 2}
`;

interface LiveTrial {
  id: number;
  state: string;
  reason: string | null;
  runs: Array<{ index: number; state: string }>;
}

const jsonLines = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));

describe('sweeptop replay on a sweep with folds', () => {
  it('takes the live decisions again: in a run against the same fold, and across runs', async () => {
    const { temp, env } = folder;
    temp.file('sweep.yaml', SWEEP);
    const ran = await runCli(['run', 'sweep.yaml', '--headless', '--dir', 'out'], { cwd: temp.path, env });
    expect(ran.code).toBe(0);
    const dir = resolve(temp.path, 'out');
    const live: LiveTrial[] = JSON.parse((await runCli(['status', dir, '--json'], { env })).stdout).trials;
    expect(live.map((t) => t.state)).toEqual(['completed', 'completed', 'pruned', 'pruned', 'completed', 'pruned']);
    expect(live[2].reason).toMatch(/^pruned after fold 1\/3: /);
    expect(live[5].reason).toMatch(/^fold 0 pruned at step \d: /);

    const replayed = await runCli(
      ['replay', dir, '--pruner', 'median', '--set', 'n_startup_trials=3', '--set', 'n_warmup_steps=0', '--json'],
      { env },
    );
    expect([replayed.code, replayed.stderr]).toEqual([0, '']);
    const lines = jsonLines(replayed.stdout);
    const trials = lines.slice(0, -1);
    expect(trials.map((t) => t.id)).toEqual(live.map((t) => String(t.id)));
    // each run's points are in its own folder (runs/<k>/metrics.jsonl), none in the trial's
    expect(trials.map((t) => t.steps_run > 0)).toEqual(live.map(() => true));
    for (const [index, trial] of trials.entries()) {
      const recorded = live[index];
      const launched = recorded.runs.filter((run) => run.state !== 'queued');
      expect({ pruned: trial.pruned, reason: trial.reason, runs_run: trial.runs_run, pruned_at_run: trial.pruned_at_run }).toEqual({
        pruned: recorded.state === 'pruned',
        reason: recorded.state === 'pruned' ? recorded.reason : null,
        runs_run: launched.length,
        pruned_at_run: recorded.state === 'pruned' ? launched.at(-1)!.index : null,
      });
    }
    // 3 full trials of 3 runs, 2 stopped after 1, 1 inside its first: 12 of the 12 recorded runs
    expect(lines.at(-1).summary).toMatchObject({ runs_run: 12, runs_full: 12, runs_saved_fraction: 0 });

    // another pruner, on the same record: fewer runs than recorded, counted as saved
    const stricter = await runCli(['replay', dir, '--pruner', 'median', '--set', 'n_startup_trials=1', '--json'], { env });
    const summary = jsonLines(stricter.stdout).at(-1).summary;
    expect(summary.runs_full).toBe(12);
    expect(summary.runs_run).toBeLessThan(12);
    expect(summary.runs_saved_fraction).toBeCloseTo(1 - summary.runs_run / 12, 12);
  }, 120_000);
});
