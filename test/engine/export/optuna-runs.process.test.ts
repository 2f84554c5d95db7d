/**
 * Trials made of runs, as Optuna sees one trial each: with folds or repeats, intermediate value j
 * is the objective as it stood after runs 0..j (the runs' results combined by metric.combine, as
 * pruning across runs judges it); in a budget sweep, the step is the level's index and the value
 * that level's result. Read back by Optuna 3.1 itself. Needs /usr/bin/python3 with python3-optuna
 * (skipped without, fails under CI).
 */
import { execa } from 'execa';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeOptunaStorage } from '../../../src/engine/export/optuna-storage.js';
import { optunaStudy } from '../../../src/engine/export/optuna-study.js';
import type { StoredSweep } from '../../../src/engine/state/load-sweep.js';
import type { RunRecord, TrialRecord } from '../../../src/engine/state/records.js';
import type { TrialState } from '../../../src/plugin-api/trial-state.js';
import { TempDir } from '../../helpers/sweep.js';

const PYTHON = '/usr/bin/python3';
const READER = fileURLToPath(new URL('../../cli/optuna_read_study.py', import.meta.url));

const run = (index: number, state: TrialState, objective: number | null): RunRecord =>
  ({ index, key: `fold ${index}`, state, objective, attempt: 1, argv: [], handle: null, pid: null, gpus: null }) as unknown as RunRecord;

function trial(id: number, state: TrialState, objective: number | null, fields: Partial<TrialRecord>): TrialRecord {
  return {
    id,
    attempt: 1,
    state,
    argv: ['python', 'train.py', String(id)],
    handle: null,
    pid: null,
    gpus: null,
    startedAt: 1_700_000_000_000 + id * 1000,
    endedAt: 1_700_000_000_500 + id * 1000,
    runtimeMs: 500,
    exitCode: 0,
    signal: null,
    objective,
    reason: null,
    params: { x: id },
    cwd: '/tmp',
    promoted: false,
    best: null,
    step: null,
    steps: 0,
    ...fields,
  };
}

const study = (name: string, trials: TrialRecord[], config: Record<string, unknown> = {}) =>
  ({
    dir: `/tmp/sweeps/${name}`,
    name,
    config: { parameters: [{ kind: 'int', name: 'x', low: 0, high: 10, step: 1, log: false }], ...config },
    metric: { name: 'loss', goal: 'minimize', value: 'last', combine: 'median' },
    trials,
    // each run's own curve is kept with that run: the trial has none of its own
    curve: async () => [],
  }) as unknown as StoredSweep;

const probe = await execa(PYTHON, ['-c', 'import optuna, sklearn'], { reject: false });
const missing = probe.failed ? ` (skipped: ${PYTHON} with optuna and scikit-learn is needed)` : '';
if (missing && process.env.CI === 'true') throw new Error(`CI must run the Optuna export test, but${missing}`);

async function readBack(sweep: StoredSweep, temp: TempDir) {
  const path = join(temp.path, `${sweep.name}.db`);
  await writeOptunaStorage(path, await optunaStudy(sweep), { replace: false });
  const read = JSON.parse((await execa(PYTHON, [READER, path, sweep.name])).stdout);
  return (id: number) => read.trials.find((t: { user_attrs: { sweeptop_trial: number } }) => t.user_attrs.sweeptop_trial === id);
}

describe.skipIf(missing !== '')(`Optuna's intermediate values of trials made of runs${missing}`, () => {
  const temp = new TempDir();
  afterAll(() => temp.remove());

  it('folds: value j is the median of runs 0..j; a run that did not complete ends the curve', async () => {
    const byId = await readBack(
      study('folds', [
        trial(0, 'completed', 0.4, { runs: [run(0, 'completed', 0.6), run(1, 'completed', 0.2), run(2, 'completed', 0.4)] }),
        trial(1, 'failed', null, { runs: [run(0, 'completed', 0.5), run(1, 'failed', null), run(2, 'completed', 0.1)] }),
        trial(2, 'pruned', 0.8, { runs: [run(0, 'completed', 0.8), run(1, 'queued', null), run(2, 'queued', null)] }),
        // (Optuna's importances, which the reader asks for, need two complete trials)
        trial(3, 'completed', 0.3, { runs: [run(0, 'completed', 0.3), run(1, 'completed', 0.3), run(2, 'completed', 0.3)] }),
      ]),
      temp,
    );
    expect(byId(0)).toMatchObject({ state: 'COMPLETE', value: 0.4, intermediate: { '0': 0.6, '1': 0.4, '2': 0.4 } });
    expect(byId(1)).toMatchObject({ state: 'FAIL', intermediate: { '0': 0.5 } });
    expect(byId(2)).toMatchObject({ state: 'PRUNED', value: 0.8, intermediate: { '0': 0.8 } });
  });

  it("budget: the step is the level's index, the value that level's result", async () => {
    const levels = [1 / 9, 1 / 3, 1];
    const byId = await readBack(
      study(
        'budget',
        [
          trial(0, 'completed', 0.3, {
            ladder: { bracket: null, startLevel: 0 },
            runs: [run(0, 'completed', 0.9), run(1, 'completed', 0.5), run(2, 'completed', 0.3)],
          }),
          trial(1, 'pruned', 0.7, { ladder: { bracket: 1, startLevel: 1 }, runs: [run(0, 'completed', 0.7)] }),
          trial(2, 'completed', 0.2, { ladder: { bracket: 2, startLevel: 2 }, runs: [run(0, 'completed', 0.2)] }),
        ],
        { budget: { levels } },
      ),
      temp,
    );
    expect(byId(0)).toMatchObject({ state: 'COMPLETE', value: 0.3, intermediate: { '0': 0.9, '1': 0.5, '2': 0.3 } });
    expect(byId(1)).toMatchObject({ state: 'PRUNED', value: 0.7, intermediate: { '1': 0.7 } });
  });
});
