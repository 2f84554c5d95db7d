import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Sweep } from '../../../src/engine/sweep/sweep.js';
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

/**
 * A prune decision races the trial's own exit: the pruner judges a line the trial printed, and the
 * trial may exit before sweeptop has read that line (a loaded machine reads late). The rule: a trial
 * sweeptop has sent its stop is pruned whatever its exit status (its exit is the stop's effect);
 * one that exited before sweeptop sent anything ended as its own exit status says, with no trace of
 * the prune (no prune step, no point set aside after it, not the prune reason).
 */
describe('a prune decision and the trial’s own exit', () => {
  const thresholdSweep = (command: string) => `command: ${command}
parameters:
  x: {type: choice, values: [1]}
sampler: grid
grace: 1s
metric: {name: loss, goal: minimize}
pruner: {type: threshold, upper: 8}
`;

  /** Holds the controller's event loop, once the trial has started, until its exit status is written: a controller that reads late. */
  function readLate(sweep: Sweep): void {
    let held = false;
    sweep.on('trial:updated', ({ trial }) => {
      if (held || trial.pid === null) return;
      held = true;
      const exitCode = join(trial.dir, 'exit_code');
      const tick = new Int32Array(new SharedArrayBuffer(4));
      const deadline = Date.now() + 30_000;
      while (!existsSync(exitCode) && Date.now() < deadline) Atomics.wait(tick, 0, 0, 10);
    });
  }

  function storedPoints(dir: string): Array<{ step: number; value: number; afterPrune?: true }> {
    return readFileSync(join(dir, 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
  }

  it('exited 1 before the decision was read: failed, its whole curve counted, no prune step', async () => {
    temp.file('crash.mjs', "console.log('step=0 loss=18');\nconsole.log('step=1 loss=17');\nprocess.exit(1);\n");
    const sweep = await makeSweep(temp, thresholdSweep('node crash.mjs {x}'));
    readLate(sweep);
    const trial = (await runToEnd(sweep)).trials[0];
    expect(trial).toMatchObject({ state: 'failed', reason: 'exit code 1', exitCode: 1, steps: 2 });
    const result = JSON.parse(readFileSync(join(trial.dir, 'result.json'), 'utf8'));
    expect(result).toMatchObject({ state: 'failed', reason: 'exit code 1' });
    expect(result.prunedAtStep).toBeUndefined();
    expect(storedPoints(trial.dir).filter((p) => p.afterPrune)).toEqual([]);
  });

  it('exited 0 before the decision was read: completed, its objective its last value', async () => {
    temp.file('finish.mjs', "console.log('step=0 loss=18');\nconsole.log('step=1 loss=3');\n");
    const sweep = await makeSweep(temp, thresholdSweep('node finish.mjs {x}'));
    readLate(sweep);
    const trial = (await runToEnd(sweep)).trials[0];
    expect(trial).toMatchObject({ state: 'completed', reason: null, objective: 3, steps: 2 });
    const result = JSON.parse(readFileSync(join(trial.dir, 'result.json'), 'utf8'));
    expect(result.prunedAtStep).toBeUndefined();
    expect(storedPoints(trial.dir).filter((p) => p.afterPrune)).toEqual([]);
  });

  it('exits 1 on SIGTERM: the stop’s effect, so pruned at the step it was judged at', async () => {
    temp.file('term.mjs', "process.on('SIGTERM', () => process.exit(1));\nconsole.log('step=0 loss=18');\nsetTimeout(() => {}, 30_000);\n");
    const sweep = await makeSweep(temp, thresholdSweep('node term.mjs {x}'));
    const trial = (await runToEnd(sweep)).trials[0];
    expect(trial).toMatchObject({ state: 'pruned', exitCode: 1 });
    expect(trial.reason).toMatch(/^pruned at step 0: /);
    const result = JSON.parse(readFileSync(join(trial.dir, 'result.json'), 'utf8'));
    expect(result).toMatchObject({ state: 'pruned', prunedAtStep: 0 });
  });
});
