/**
 * The intermediate values `export --format optuna` writes: a pruned trial's curve up to the step it
 * was judged at, any other trial's whole — also one recorded with a prune step it never carried
 * out (a trial that exited on its own before its stop was sent, as sweeps recorded before that rule).
 */
import { describe, expect, it } from 'vitest';
import { optunaStudy } from '../../../src/engine/export/optuna-study.js';
import type { StoredSweep } from '../../../src/engine/state/load-sweep.js';
import type { TrialRecord } from '../../../src/engine/state/records.js';

function trial(id: number, fields: Partial<TrialRecord>): TrialRecord {
  return {
    id,
    attempt: 0,
    state: 'completed',
    argv: ['node', 'train.mjs'],
    handle: null,
    pid: null,
    gpus: null,
    startedAt: 1_700_000_000_000,
    endedAt: 1_700_000_000_500,
    runtimeMs: 500,
    exitCode: 0,
    signal: null,
    objective: 0.5,
    reason: null,
    params: { x: id },
    cwd: '/tmp',
    promoted: false,
    best: null,
    step: null,
    steps: 3,
    ...fields,
  };
}

const curve = [0, 1, 2].map((step) => ({ step, value: 3 - step }));
const sweep = {
  dir: '/tmp/sweeps/cut',
  name: 'cut',
  config: { parameters: [{ kind: 'int', name: 'x', low: 0, high: 9, step: 1, log: false }] },
  metric: { name: 'loss', goal: 'minimize', value: 'last', combine: 'mean' },
  trials: [
    trial(0, { state: 'pruned', prunedAtStep: 0, objective: 3, reason: 'pruned at step 0: …', exitCode: 143 }),
    trial(1, { state: 'failed', prunedAtStep: 0, objective: 1, reason: 'exit code 1', exitCode: 1 }),
    trial(2, { state: 'completed', prunedAtStep: 0, objective: 1 }),
  ],
  curve: async () => curve,
} as unknown as StoredSweep;

describe('optunaStudy: intermediate values', () => {
  it('cuts a pruned trial at its prune step, and only a pruned one', async () => {
    const study = await optunaStudy(sweep);
    expect(study.trials.map((t) => t.intermediate.map((p) => p.step))).toEqual([[0], [0, 1, 2], [0, 1, 2]]);
  });
});
