/**
 * `export --format optuna --storage FILE` read back by Optuna 3.1 itself (/usr/bin/python3 with
 * Debian's python3-optuna; without it the test is skipped, and fails under CI): load_study opens
 * the file, each trial matches `export --format json` field by field, and Optuna's importances run
 * on it. The sweep has a log-scaled float, an int, a categorical and a plain float; `opt=rms` is
 * pruned at its first report (threshold) and `layers=1` crashes at step 2.
 */
import { execa } from 'execa';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportRow } from '../../src/engine/state/export-rows.js';
import { loadSweep } from '../../src/engine/state/load-sweep.js';
import { runCli } from '../helpers/cli.js';
import { TempDir } from '../helpers/sweep.js';

const PYTHON = '/usr/bin/python3';
const READER = fileURLToPath(new URL('optuna_read_study.py', import.meta.url));

const TRAIN = `const [lr, layers, opt, dropout] = process.argv.slice(2);
const base = opt === 'rms' ? 9 : Math.abs(Math.log10(Number(lr)) + 2.5) + Number(layers) * 0.1 + Number(dropout);
for (let step = 0; step < 6; step++) {
  if (Number(layers) === 1 && step === 2) { console.error('Traceback: boom'); process.exit(1); }
  console.log('step=' + step + ' loss=' + (base * (1 + 1 / (step + 1))).toFixed(4));
  await new Promise((resolve) => setTimeout(resolve, 100));
}
`;

const SWEEP = `name: optuna-export
command: node train.mjs {lr} {layers} {opt} {dropout}
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
  layers: {type: int, low: 1, high: 4}
  opt: {type: choice, values: [sgd, adam, rms]}
  dropout: {type: uniform, low: 0.0, high: 0.5}
sampler: random
seed: 3
trials: 16
parallel: 2
metric: {name: loss, goal: minimize}
pruner: {type: threshold, upper: 8}
`;

const OPTUNA_STATE: Record<string, string> = { completed: 'COMPLETE', pruned: 'PRUNED', failed: 'FAIL', killed: 'FAIL' };

interface OptunaTrial {
  number: number;
  state: string;
  params: Record<string, unknown>;
  distributions: Record<string, string>;
  log: Record<string, boolean | null>;
  value: number | null;
  intermediate: Record<string, number>;
  user_attrs: Record<string, unknown>;
  start: number | null;
  complete: number | null;
}
interface OptunaRead {
  optuna: string;
  direction: string;
  user_attrs: Record<string, unknown>;
  best_number: number;
  trials: OptunaTrial[];
  importance: Record<string, number>;
}

const temp = new TempDir();
const env = { XDG_STATE_HOME: join(temp.path, 'state') };
const cli = (...args: string[]) => runCli(args, { cwd: temp.path, env });

async function readWithOptuna(storage: string, study: string): Promise<OptunaRead | string> {
  const run = await execa(PYTHON, [READER, storage, study], { reject: false });
  if (run.exitCode === 3 || (run.failed && !existsSync(PYTHON))) return `${PYTHON} with optuna is needed (apt-get install python3-optuna)`;
  if (run.failed) throw new Error(`optuna_read_study.py failed: ${run.stderr || run.shortMessage}`);
  return JSON.parse(run.stdout) as OptunaRead;
}

const probe = await execa(PYTHON, ['-c', 'import optuna, sklearn'], { reject: false });
const missing = probe.failed ? ` (skipped: ${PYTHON} with optuna and scikit-learn is needed)` : '';
if (missing && process.env.CI === 'true') throw new Error(`CI must run the Optuna export test, but${missing}`);

describe.skipIf(missing !== '')(`export --format optuna, read by Optuna 3.1${missing}`, () => {
  let read: OptunaRead;
  let rows: ExportRow[];
  beforeAll(async () => {
    temp.file('train.mjs', TRAIN);
    temp.file('sweep.yaml', SWEEP);
    const ran = await cli('run', 'sweep.yaml', '--headless', '--dir', 'out');
    expect(ran.code, ran.stderr).toBe(0);
    const exported = await cli('export', 'out', '--format', 'optuna', '--storage', 'study.db');
    expect(exported.code, exported.stderr).toBe(0);
    rows = JSON.parse((await cli('export', 'out', '--format', 'json')).stdout);
    const result = await readWithOptuna(join(temp.path, 'study.db'), 'optuna-export');
    if (typeof result === 'string') throw new Error(result);
    read = result;
  }, 120_000);
  afterAll(() => temp.remove());

  it('the sweep has what the test is about: completed, pruned and failed trials', () => {
    const states = new Set(rows.map((row) => row.state));
    expect([...states].sort()).toEqual(['completed', 'failed', 'pruned']);
  });

  it('load_study opens it as one study with the sweep direction and attributes', () => {
    expect(read.optuna).toBe('3.1.0');
    expect(read.direction).toBe('MINIMIZE');
    expect(read.user_attrs).toMatchObject({ sweep: 'optuna-export', metric: 'loss', goal: 'minimize' });
    expect(read.trials).toHaveLength(rows.length);
  });

  it('each trial matches export --format json: params, value, state and user attributes', () => {
    for (const [index, row] of rows.entries()) {
      const trial = read.trials[index];
      expect(trial.number).toBe(index);
      expect(trial.state, `trial ${row.id}`).toBe(OPTUNA_STATE[row.state]);
      expect(trial.params).toEqual(row.params);
      expect(trial.distributions).toEqual({
        lr: 'FloatDistribution',
        layers: 'IntDistribution',
        opt: 'CategoricalDistribution',
        dropout: 'FloatDistribution',
      });
      expect(trial.log).toEqual({ lr: true, layers: false, opt: null, dropout: false });
      expect(trial.value).toBe(row.state === 'failed' ? null : row.objective);
      expect(trial.user_attrs).toMatchObject({ sweeptop_trial: row.id, sweeptop_state: row.state });
      expect(trial.user_attrs.reason ?? null).toBe(row.reason);
      expect((trial.user_attrs.command as string[]).slice(0, 3)).toEqual(['node', 'train.mjs', String(row.params.lr)]);
      expect(trial.start).not.toBeNull();
      expect(trial.complete).toBeGreaterThanOrEqual(trial.start!);
    }
  });

  it('intermediate values are the objective curve, a pruned trial cut at the step it was judged at', async () => {
    const sweep = await loadSweep(join(temp.path, 'out'));
    for (const [index, row] of rows.entries()) {
      const curve = await sweep.curve(row.id, 'loss');
      const expected = row.state === 'pruned' ? curve.slice(0, 1) : curve;
      expect(read.trials[index].intermediate, `trial ${row.id}`).toEqual(
        Object.fromEntries(expected.map((p) => [String(p.step), p.value])),
      );
    }
    const completed = read.trials.find((t) => t.state === 'COMPLETE')!;
    expect(Object.keys(completed.intermediate)).toHaveLength(6);
    expect(completed.intermediate['5']).toBe(completed.value);
    const failed = read.trials.find((t) => t.state === 'FAIL')!;
    expect(Object.keys(failed.intermediate)).toEqual(['0', '1']);
  });

  it("Optuna's best trial is sweeptop's, and its importances run on the study", async () => {
    const best = JSON.parse((await cli('best', 'out', '--json')).stdout);
    expect(read.trials[read.best_number].user_attrs.sweeptop_trial).toBe(best.id);
    expect(Object.keys(read.importance).sort()).toEqual(['dropout', 'layers', 'lr', 'opt']);
  });
});

describe('export --format optuna: its options', () => {
  const folder = new TempDir();
  const here = (...args: string[]) => runCli(args, { cwd: folder.path, env: { XDG_STATE_HOME: join(folder.path, 'state') } });
  beforeAll(async () => {
    folder.file('train.mjs', 'console.log("loss=" + process.argv[2]);\n');
    folder.file(
      'sweep.yaml',
      'name: tiny\ncommand: node train.mjs {x}\nparameters:\n  x: {type: choice, values: [1, 2]}\nsampler: grid\nmetric: {name: loss, goal: minimize}\n',
    );
    const ran = await here('run', 'sweep.yaml', '--headless', '--dir', 'out');
    expect(ran.code, ran.stderr).toBe(0);
  }, 60_000);
  afterAll(() => folder.remove());

  it('refuses an existing file in one line, and replaces it with --force', async () => {
    writeFileSync(join(folder.path, 'taken.db'), 'mine');
    const refused = await here('export', 'out', '--format', 'optuna', '--storage', 'taken.db');
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toBe('sweeptop: taken.db: already exists (--force replaces it)');
    expect(readFileSync(join(folder.path, 'taken.db'), 'utf8')).toBe('mine');
    const forced = await here('export', 'out', '--format', 'optuna', '--storage', 'taken.db', '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(folder.path, 'taken.db')).subarray(0, 15).toString()).toBe('SQLite format 3');
  });

  it('--format optuna needs --storage, and --storage goes with --format optuna alone', async () => {
    const without = await here('export', 'out', '--format', 'optuna');
    expect([without.code, without.stderr.trim()]).toEqual([
      2,
      'sweeptop: export --format optuna: needs --storage FILE (the SQLite file to write)',
    ]);
    const csv = await here('export', 'out', '--format', 'csv', '--storage', 'x.db');
    expect([csv.code, csv.stderr.trim()]).toEqual([2, 'sweeptop: export --format csv: --storage and --force go with --format optuna']);
    expect(existsSync(join(folder.path, 'x.db'))).toBe(false);
  });

  it('--storage alone means --format optuna', async () => {
    const implied = await here('export', 'out', '--storage', 'implied.db');
    expect(implied.code, implied.stderr).toBe(0);
    expect(implied.stderr).toContain("as Optuna study 'tiny'");
  });
});
