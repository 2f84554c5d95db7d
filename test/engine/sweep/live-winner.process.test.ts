import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineEvents } from '../../../src/engine/events.js';
import { makeSweep, runToEnd, tempDirPerTest } from '../../helpers/sweep.js';

const temp = tempDirPerTest();
const FOLD_RUN = resolve('fixtures/fold-run.mjs');

// fold-run's runs end at 0.5 + lr + fold/100 + repeat/1000: two trials differ by their lr in
// every run, so 6 shared runs all of one sign give the exact two-sided p = 2/2^6
const sweepFile = (runs: string) => `command: node ${FOLD_RUN} --lr {lr} --fold {fold} --repeat {repeat}
parameters:
  lr: {type: categorical, values: [0.1, 0.2, 0.3]}
sampler: grid
metric: {name: val_acc, goal: maximize}
runs_pruning: false
${runs}`;

describe("the live winner line's distinction, computed by the engine as runs complete", () => {
  it('says, once every trial completed, that the best is distinguishable from the next, and sends it as runs complete', async () => {
    const sweep = await makeSweep(temp, sweepFile('folds: 3\nrepeats: 2'));
    const sent: EngineEvents['sweep:winner'][] = [];
    let runsCompleted = 0;
    const seen = new Map<string, string>();
    sweep.on('trial:updated', ({ trial }) => {
      for (const run of trial.runs ?? []) {
        const key = `${trial.id}/${run.index}`;
        if (run.state === 'completed' && seen.get(key) !== 'completed') runsCompleted++;
        seen.set(key, run.state);
      }
    });
    sweep.on('sweep:winner', (payload) => sent.push(payload));
    const snapshot = await runToEnd(sweep);

    const best = snapshot.trials.find((t) => t.params.lr === 0.3)!;
    const winner = snapshot.winner!;
    expect(winner.best).toMatchObject({ id: best.id, runs: 6 });
    expect(winner.rivals.map((r) => [r.verdict, r.sharedRuns])).toEqual([
      ['distinguishable', 6],
      ['distinguishable', 6],
    ]);
    for (const rival of winner.rivals)
      if (rival.verdict !== 'too-few-shared-runs') expect(rival.test).toMatchObject({ method: 'exact', p: 2 / 64 });
    // the last one sent is what the snapshot holds; none is sent but when a run completed
    expect(sent.at(-1)?.winner).toEqual(winner);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.length).toBeLessThanOrEqual(runsCompleted);
    // the first completed trial stands alone until a second one completes
    expect(sent[0].winner?.rivals).toEqual([]);
  });

  it('has no distinction on a sweep without folds or repeats', async () => {
    const sweep = await makeSweep(temp, sweepFile('').replace(' --fold {fold} --repeat {repeat}', ''));
    let sent = 0;
    sweep.on('sweep:winner', () => sent++);
    const snapshot = await runToEnd(sweep);
    expect(snapshot.winner ?? null).toBeNull();
    expect(sent).toBe(0);
  });
});
