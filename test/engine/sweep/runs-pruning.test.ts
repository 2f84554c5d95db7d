/**
 * Pruning across runs on in-memory runs and virtual time: after a trial's fold j, the trial is
 * stopped when the mean of its first j folds is worse than the median of the other trials' first-j
 * means; its later folds never launch, its live ones are stopped. The rule itself is tested in
 * test/engine/pruning/across-runs.test.ts; real processes in runs-pruning.process.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Sweep } from '../../../src/engine/sweep/sweep.js';
import type { LaunchSpec } from '../../../src/plugin-api/executor.js';
import { runVirtual, useFakeClock } from '../../helpers/fake-clock.js';
import { InMemoryExecutor, type TrialScript } from '../../helpers/in-memory-executor.js';
import { MEMORY_TMPDIR, makeSweep, tempDirPerTest } from '../../helpers/sweep.js';

const temp = tempDirPerTest(MEMORY_TMPDIR);
useFakeClock();

/** Five good configurations first (the startup trials), then a bad one, then the best. */
const LRS = [0.9, 0.8, 0.7, 0.6, 0.5, 0.1, 0.95];
const BAD = LRS.indexOf(0.1);

const sweepFile = (extra: string) => `command: train --lr {lr} --fold {fold}
parameters:
  lr: {type: categorical, values: [${LRS.join(', ')}]}
sampler: grid
metric: {name: val_acc, goal: maximize}
folds: 3
${extra}`;

/** Every run scores its trial's lr, each printed 1 s after its launch. */
const scoresLr = (spec: LaunchSpec): TrialScript => ({ lines: [`val_acc=${spec.env.SWEEPTOP_PARAM_LR}`], stepMs: 1000 });

async function fakeSweep(
  extra: string,
  script: (spec: LaunchSpec) => TrialScript,
): Promise<{ sweep: Sweep; launched: string[]; fake: InMemoryExecutor }> {
  const launched: string[] = [];
  const fake = new InMemoryExecutor((spec) => {
    launched.push(`${spec.trialId} ${spec.env.SWEEPTOP_RUN}`);
    return script(spec);
  });
  const sweep = await makeSweep(temp, sweepFile(extra), 'sweep.yaml', { executor: fake });
  return { sweep, launched, fake };
}

const runsOf = (launched: string[], trial: number) =>
  launched
    .filter((l) => l.startsWith(`${trial} `))
    .map((l) => Number(l.split(' ')[1]))
    .sort((a, b) => a - b);

describe('pruning across runs', () => {
  it('prunes a trial after fold j whose first-j mean is below the median, launching none of its later folds', async () => {
    // fold 0 ties every trial at 0.75; from fold 1 on each scores its lr
    const { sweep, launched } = await fakeSweep('runs_pruning: {n_startup_trials: 5, n_min_trials: 5}', (spec) =>
      spec.env.SWEEPTOP_FOLD === '0' ? { lines: ['val_acc=0.75'], stepMs: 1000 } : scoresLr(spec),
    );
    const snapshot = await runVirtual(sweep);
    const bad = snapshot.trials[BAD];
    expect(bad.params.lr).toBe(0.1);
    expect(bad.state).toBe('pruned');
    // first-2 means of the five before it: (0.75 + lr) / 2, median at lr 0.7
    expect(bad.reason).toBe("pruned after fold 2/3: mean 0.425 < median 0.725 of 5 trials' first 2 folds");
    expect(bad.runs?.map((r) => r.state)).toEqual(['completed', 'completed', 'queued']);
    expect(bad.objective).toBeCloseTo(0.425, 9);
    expect(runsOf(launched, BAD)).toEqual([0, 1]);
    for (const trial of snapshot.trials.filter((t) => t.id !== BAD)) {
      expect(trial.state).toBe('completed');
      expect(runsOf(launched, trial.id)).toEqual([0, 1, 2]);
    }
    expect(snapshot.bestTrialId).toBe(LRS.indexOf(0.95));
  });

  it("stops the pruned trial's runs still running, and ends it once they are gone", async () => {
    // the bad trial's later folds would never end by themselves
    const { sweep, launched, fake } = await fakeSweep('parallel: 3\nruns_parallel: 3\nruns_pruning: true', (spec) =>
      spec.trialId === BAD && spec.env.SWEEPTOP_FOLD !== '0' ? { end: 'hang' } : scoresLr(spec),
    );
    const snapshot = await runVirtual(sweep);
    const bad = snapshot.trials[BAD];
    expect(bad.state).toBe('pruned');
    expect(bad.reason).toBe("pruned after fold 1/3: mean 0.1 < median 0.7 of 5 trials' first fold");
    expect(bad.runs?.map((r) => r.state)).toEqual(['completed', 'killed', 'killed']);
    expect(bad.runs?.[1].reason).toBe(`stopped: ${bad.reason}`);
    expect(runsOf(launched, BAD)).toEqual([0, 1, 2]);
    expect(fake.signals.filter((s) => s.trialId === BAD).map((s) => s.signal)).toEqual(['SIGTERM', 'SIGTERM']);
    expect(snapshot.trials.filter((t) => t.id !== BAD).every((t) => t.state === 'completed')).toBe(true);
  });

  it('prunes nothing with runs_pruning: false, nor by default without a pruner', async () => {
    for (const extra of ['runs_pruning: false', '']) {
      const { sweep, launched } = await fakeSweep(extra, scoresLr);
      const snapshot = await runVirtual(sweep);
      expect(snapshot.trials.map((t) => t.state)).toEqual(Array(LRS.length).fill('completed'));
      expect(launched).toHaveLength(LRS.length * 3);
    }
  });
});
