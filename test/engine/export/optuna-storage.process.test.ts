/**
 * What Optuna has no state or value for, written by hand and read back by Optuna 3.1 itself: a
 * killed trial (FAIL, saying killed), a completed trial whose objective is NaN (FAIL), an infinite
 * objective, hand-added values outside the search space, and a constant parameter. Needs
 * /usr/bin/python3 with python3-optuna (skipped without, fails under CI).
 */
import { execa } from 'execa';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeOptunaStorage } from '../../../src/engine/export/optuna-storage.js';
import { optunaStudy } from '../../../src/engine/export/optuna-study.js';
import type { StoredSweep } from '../../../src/engine/state/load-sweep.js';
import type { TrialRecord } from '../../../src/engine/state/records.js';
import type { Parameter } from '../../../src/plugin-api/space.js';
import { TempDir } from '../../helpers/sweep.js';

const PYTHON = '/usr/bin/python3';
const READER = fileURLToPath(new URL('../../cli/optuna_read_study.py', import.meta.url));

const PARAMETERS: Parameter[] = [
  { kind: 'float', name: 'lr', low: 1e-4, high: 1e-1, log: true },
  { kind: 'choice', name: 'opt', values: ['sgd', 'adam'] },
  { kind: 'const', name: 'epochs', value: 10 },
  // Optuna 3.1's IntDistribution refuses log with a step other than 1
  { kind: 'int', name: 'units', low: 8, high: 512, step: 8, log: true },
];

function trial(id: number, fields: Partial<TrialRecord>): TrialRecord {
  return {
    id,
    attempt: 1,
    state: 'completed',
    argv: ['python', 'train.py', String(id)],
    handle: null,
    pid: null,
    gpus: null,
    startedAt: 1_700_000_000_000 + id * 1000,
    endedAt: 1_700_000_000_500 + id * 1000,
    runtimeMs: 500,
    exitCode: 0,
    signal: null,
    objective: null,
    reason: null,
    params: { lr: 0.001 * (id + 1), opt: id % 2 ? 'adam' : 'sgd', epochs: 10, units: 8 * (id + 1) },
    cwd: '/tmp',
    promoted: false,
    best: null,
    step: null,
    steps: 0,
    ...fields,
  };
}

const TRIALS = [
  trial(0, { objective: 0.5 }),
  trial(1, { objective: 0.3 }),
  trial(2, { objective: 0.4 }),
  trial(3, { objective: 0.2 }),
  trial(4, { state: 'killed', stoppedBy: 'person', objective: 0.9, exitCode: null, signal: 'SIGTERM', reason: 'killed by hand' }),
  trial(5, { objective: 'nan' }),
  trial(6, { objective: 'inf' }),
  trial(7, { objective: 0.6, params: { lr: 5, opt: 'rmsprop', epochs: 10, units: 64 } }),
  trial(8, { state: 'running', endedAt: null, objective: null }),
];

const sweep = {
  dir: '/tmp/sweeps/by-hand',
  name: 'by-hand',
  config: { parameters: PARAMETERS },
  metric: { name: 'loss', goal: 'minimize', value: 'last', combine: 'mean' },
  trials: TRIALS,
  curve: async (id: number) => (id === 0 ? [0, 1, 2].map((step) => ({ step, value: step === 2 ? Number.NaN : 1 / (step + 1) })) : []),
} as unknown as StoredSweep;

const probe = await execa(PYTHON, ['-c', 'import optuna, sklearn'], { reject: false });
const missing = probe.failed ? ` (skipped: ${PYTHON} with optuna and scikit-learn is needed)` : '';
if (missing && process.env.CI === 'true') throw new Error(`CI must run the Optuna export test, but${missing}`);

describe.skipIf(missing !== '')(`an Optuna study of what Optuna has no state for${missing}`, async () => {
  const temp = new TempDir();
  afterAll(() => temp.remove());
  const study = await optunaStudy(sweep);
  const path = join(temp.path, 'study.db');
  await writeOptunaStorage(path, study, { replace: false });
  const read = JSON.parse((await execa(PYTHON, [READER, path, 'by-hand'])).stdout);
  const byId = (id: number) => read.trials.find((t: { user_attrs: { sweeptop_trial: number } }) => t.user_attrs.sweeptop_trial === id);

  it('a killed trial is FAIL, says it was killed and by whom, and keeps its objective so far', () => {
    expect(byId(4)).toMatchObject({ state: 'FAIL', value: null });
    expect(byId(4).user_attrs).toMatchObject({
      sweeptop_state: 'killed',
      stopped_by: 'person',
      objective: 0.9,
      signal: 'SIGTERM',
      reason: 'killed by hand',
    });
  });

  it('a NaN objective is FAIL, an infinite one COMPLETE with its infinity; a NaN step stays NaN', () => {
    expect(byId(5)).toMatchObject({ state: 'FAIL', value: null });
    expect(byId(5).user_attrs).toMatchObject({ sweeptop_state: 'completed', objective: 'nan' });
    expect(byId(6)).toMatchObject({ state: 'COMPLETE', value: 'inf' });
    expect(read.trials.length).toBe(TRIALS.length);
    expect(byId(0).intermediate).toEqual({ '0': 1, '1': 0.5, '2': 'nan' });
  });

  it('values outside the search space widen its Optuna distributions, said once per parameter', () => {
    expect(byId(7).params).toEqual({ lr: 5, opt: 'rmsprop', epochs: 10, units: 64 });
    expect(byId(7).user_attrs.sweeptop_params_outside).toBeUndefined();
    expect(study.notices.filter((n) => n.includes('outside'))).toEqual([
      "lr: 5 outside the sweep file's search space; its Optuna distribution is widened to hold them",
      'opt: "rmsprop" outside the sweep file\'s search space; its Optuna distribution is widened to hold them',
    ]);
  });

  it('a running trial is RUNNING without an end; a constant is a one-choice categorical; importances run', () => {
    expect(byId(8)).toMatchObject({ state: 'RUNNING', complete: null, value: null });
    expect(byId(0).params).toEqual({ lr: 0.001, opt: 'sgd', epochs: 10, units: 8 });
    expect(byId(0).distributions.epochs).toBe('CategoricalDistribution');
    expect(Object.keys(read.importance).sort()).toEqual(['epochs', 'lr', 'opt', 'units']);
  });

  it('a log-scaled int with a step is written with step 1, which holds every value of the sweep, and says so', () => {
    expect(byId(3)).toMatchObject({ params: { units: 32 }, distributions: { units: 'IntDistribution' }, log: { units: true } });
    expect(byId(3).step.units).toBe(1);
    expect(study.notices).toContain(
      "units: a log-scaled int with step 8, which Optuna's IntDistribution does not accept (log needs step 1); written with step 1, so an Optuna sampler on this study may suggest values between the steps",
    );
  });

  it("an infinite objective misleads Optuna 3.1's best_trial (its SQL storage sorts +inf as NULL, first), and the export says so", () => {
    expect(read.best_number).toBe(byId(6).number);
    expect(study.notices).toContain(
      "trial 6: objective inf; Optuna's SQL storage sorts it as a missing value, so Optuna's best_trial does not rank this trial as sweeptop does",
    );
  });
});
