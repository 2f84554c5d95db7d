import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSweep, runToEnd, tempDirPerTest, TRAINER } from '../../helpers/sweep.js';

const temp = tempDirPerTest();

// Grid order is the values' order: two good learning rates complete first, then two that diverge.
const SWEEP = (extra = '') => `command: node ${TRAINER} --lr {lr} --epochs 8 --epoch-ms 40
parameters:
  lr: {type: choice, values: [0.003, 0.002, 0.8, 0.9, 0.004]}
sampler: grid
parallel: 1
grace: 1s
metric: {name: val_loss, goal: minimize}
pruner: {type: median, n_startup_trials: 2, n_warmup_steps: 1}
${extra}`;

describe('pruning in a live sweep', () => {
  it('the median pruner stops the diverging trials early and says why', async () => {
    const sweep = await makeSweep(temp, SWEEP());
    const snapshot = await runToEnd(sweep);
    const states = snapshot.trials.map((t) => [t.params.lr, t.state]);
    expect(states).toEqual([
      [0.003, 'completed'],
      [0.002, 'completed'],
      [0.8, 'pruned'],
      [0.9, 'pruned'],
      [0.004, 'completed'],
    ]);
    for (const trial of snapshot.trials.filter((t) => t.state === 'pruned')) {
      expect(trial.reason).toMatch(/^pruned at step 1: best val_loss [\d.]+ > median [\d.]+ of 2 completed trials at step 1$/);
      // stopped early: a few more epochs may land while SIGTERM is delivered
      expect(trial.steps).toBeLessThan(8);
      expect(trial.pruneThreshold).not.toBeNull();
    }
  });

  it('judges a pruned trial at its decision step: what it prints while being stopped is kept, flagged, and not its objective', async () => {
    const sweep = await makeSweep(
      temp,
      `command: node ${TRAINER} --lr {lr} --epochs 30 --epoch-ms 60 --ignore-sigterm
parameters:
  lr: {type: choice, values: [0.9]}
sampler: grid
grace: 1s
metric: {name: val_loss, goal: minimize}
pruner: {type: threshold, upper: 0.0001}
`,
    );
    const snapshot = await runToEnd(sweep);
    const trial = snapshot.trials[0];
    expect(trial.state).toBe('pruned');
    const points = readFileSync(join(trial.dir, 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { name: string; step: number; value: number; afterPrune?: true });
    const objective = points.filter((p) => p.name === 'val_loss');
    const judged = objective.filter((p) => !p.afterPrune);
    // it ignored SIGTERM for a second: epochs kept coming until SIGKILL
    expect(objective.filter((p) => p.afterPrune).length).toBeGreaterThan(3);
    expect(judged).toHaveLength(1);
    expect(trial).toMatchObject({ objective: judged[0].value, step: judged[0].step, steps: 1 });
  });

  it('never prunes a promoted trial', async () => {
    const sweep = await makeSweep(temp, SWEEP());
    sweep.on('trial:updated', ({ trial, previousState }) => {
      if (trial.params.lr === 0.8 && trial.state === 'running' && previousState !== 'running') {
        void sweep.execute({ type: 'promote', trialId: trial.id }, 'test');
      }
    });
    const snapshot = await runToEnd(sweep);
    const promoted = snapshot.trials.find((t) => t.params.lr === 0.8)!;
    expect(promoted).toMatchObject({ state: 'completed', promoted: true, steps: 8 });
    expect(snapshot.trials.find((t) => t.params.lr === 0.9)!.state).toBe('pruned');
  });

  it('promoting a pruned trial runs it again at the head of the queue, protected', async () => {
    const sweep = await makeSweep(temp, SWEEP());
    let promotedOnce = false;
    sweep.on('trial:ended', ({ trial }) => {
      if (trial.state === 'pruned' && !promotedOnce) {
        promotedOnce = true;
        void sweep.execute({ type: 'promote', trialId: trial.id }, 'test');
      }
    });
    const snapshot = await runToEnd(sweep);
    const rerun = snapshot.trials.find((t) => t.params.lr === 0.8)!;
    expect(rerun).toMatchObject({ state: 'completed', promoted: true, attempt: 1, steps: 8 });
  });
});
