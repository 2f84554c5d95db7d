/**
 * `sweeptop rescore` on real sweep directories: a sweep run with `metric: val_acc` while its
 * script (the fake trainer, keras format) prints `val_accuracy`, fixed in place.
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMetric } from '../../src/cli/format.js';
import { outputSchema } from '../../src/cli/output/json-output.js';
import { RESCORE_JSON } from '../../src/cli/output/shapes.js';
import { readJsonFile } from '../../src/engine/state/atomic.js';
import type { StoredPoint } from '../../src/engine/state/metric-log.js';
import type { SweepDocument, TrialRecord } from '../../src/engine/state/records.js';
import { runCli } from '../helpers/cli.js';
import { lockPid, useSweepFolder } from '../helpers/sweep-folder.js';
import { TempDir, TRAINER } from '../helpers/sweep.js';

const MISSPELLED = `name: acc
command: node ${TRAINER} --lr {lr} --layers {layers} --epochs 3 --epoch-ms 10 --format keras
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
  layers: {type: int, low: 1, high: 4}
metric: val_acc  # keras prints val_accuracy
trials: 4
parallel: 4
`;
const OLD_METRIC = { name: 'val_acc', goal: 'minimize', value: 'last', combine: 'mean' };

let temp: TempDir;
/**
 * The finished sweep every test copies: all four trials (launched at once) completed, none with
 * an objective; the sweep stopped on the missing objective, as a misspelled one does.
 */
let recorded: string;
beforeAll(async () => {
  temp = new TempDir();
  temp.file('sweep.yaml', MISSPELLED);
  const run = await runCli(['run', '--dir', 'recorded'], { cwd: temp.path });
  expect(run.stdout).toContain("metric 'val_acc' was never reported");
  expect(run.code, run.stderr).toBe(3);
  recorded = join(temp.path, 'recorded');
}, 60_000);
afterAll(() => temp.remove());

function copyOf(name: string): string {
  const dir = join(temp.path, name);
  cpSync(recorded, dir, { recursive: true });
  return dir;
}

const sweepJson = (dir: string) => readJsonFile<SweepDocument>(join(dir, 'sweep.json'))!;
const resultJson = (dir: string, id: number) => readJsonFile<TrialRecord>(join(dir, 'trials', String(id), 'result.json'))!;
const metricsOf = (dir: string, id: number): StoredPoint[] =>
  readFileSync(join(dir, 'trials', String(id), 'metrics.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as StoredPoint);

/** Each trial's last val_accuracy, read from its stdout.log here rather than by sweeptop. */
function lastAccuracies(dir: string): number[] {
  return [0, 1, 2, 3].map((id) => {
    const printed = [...readFileSync(join(dir, 'trials', String(id), 'stdout.log'), 'utf8').matchAll(/val_accuracy: ([\d.]+)/g)];
    return Number(printed.at(-1)![1]);
  });
}

/** Every file of a sweep directory, by path, with its text. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[join(entry.parentPath, entry.name)] = readFileSync(join(entry.parentPath, entry.name), 'utf8');
  }
  return files;
}

describe('sweeptop rescore', () => {
  it('fixes the objectives of a sweep run with a misspelled metric, keeps the old ones, and status, best and resume go by the new one', async () => {
    const dir = copyOf('fixed');
    const { code, stdout, stderr } = await runCli(['rescore', dir, '--metric', 'val_accuracy', '--goal', 'maximize']);
    expect([code, stderr]).toEqual([0, '']);
    const accuracies = lastAccuracies(dir);
    const winner = accuracies.indexOf(Math.max(...accuracies));
    for (const [id, accuracy] of accuracies.entries()) {
      expect(stdout).toMatch(new RegExp(`^ +${id} {2}completed +- {2}→ +${formatMetric(accuracy)} {2}no$`, 'm'));
    }
    expect(stdout.trimEnd().split('\n').at(-1)).toBe(
      `rescored 4 trials by val_accuracy (maximize, last, mean); best: trial ${winner}, val_accuracy ${formatMetric(accuracies[winner])}`,
    );

    const best = await runCli(['best', dir]);
    expect(best.stdout.split('\n')[0]).toBe(`best trial: ${winner}  val_accuracy ${formatMetric(accuracies[winner])} (maximize)`);
    const status = JSON.parse((await runCli(['status', dir, '--json'])).stdout) as {
      trials: Array<{ objective: number; reason: string | null }>;
    };
    expect(status.trials.map((t) => [t.objective, t.reason])).toEqual(accuracies.map((a) => [a, null]));
    const before = { metric: OLD_METRIC, objective: null, best: null, state: 'completed' };
    for (const trial of sweepJson(dir).trials) expect(trial.rescored).toEqual([{ at: expect.any(Number), ...before }]);
    expect(resultJson(dir, winner).rescored).toEqual([{ at: expect.any(Number), ...before }]);
    expect(readFileSync(join(dir, 'sweep.yaml'), 'utf8')).toContain(
      'metric: {name: val_accuracy, goal: maximize, value: last, combine: mean}  # keras prints val_accuracy\n',
    );

    // a later resume runs a fifth trial by the new objective and keeps what rescore recorded
    const resumed = await runCli(['resume', dir, '--headless', '--trials', '5']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/trial 4 completed .*val_accuracy=/);
    const trials = sweepJson(dir).trials;
    expect(trials.map((t) => t.objective === null)).toEqual([false, false, false, false, false]);
    expect(trials.map((t) => t.rescored?.length ?? 0)).toEqual([1, 1, 1, 1, 0]);
  }, 60_000);

  it('refuses a metric no trial reported, with the names seen and a guess, and changes nothing', async () => {
    const dir = copyOf('misspelled');
    const before = snapshot(dir);
    const { code, stdout, stderr } = await runCli(['rescore', dir, '--metric', 'val_acc', '--goal', 'maximize']);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toBe(
      "sweeptop: metric 'val_acc' was never reported; seen: loss, accuracy, val_loss, val_accuracy — did you mean 'val_accuracy'?\n",
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it('re-reads the logs of a trial whose metrics.jsonl lacks the metric, and records what it finds as the run did', async () => {
    const dir = copyOf('trimmed');
    const objectivePoints = (id: number) =>
      metricsOf(dir, id)
        .filter((p) => p.name === 'val_accuracy')
        .map(({ name, step, value, offset }) => ({ name, step, value, offset }));
    const recordedPoints = [objectivePoints(0), objectivePoints(1)];
    // trial 0 as recorded before the metric was read; trial 1's metrics.jsonl lost
    const trial0 = join(dir, 'trials', '0', 'metrics.jsonl');
    writeFileSync(
      trial0,
      metricsOf(dir, 0)
        .filter((p) => p.name !== 'val_accuracy')
        .map((p) => JSON.stringify(p) + '\n')
        .join(''),
    );
    rmSync(join(dir, 'trials', '1', 'metrics.jsonl'));
    const result1 = join(dir, 'trials', '1', 'result.json');
    const { val_accuracy: _, ...lastMetrics } = resultJson(dir, 1).lastMetrics!;
    writeFileSync(result1, JSON.stringify({ ...resultJson(dir, 1), lastMetrics }));

    const { code, stdout, stderr } = await runCli(['rescore', dir, '--metric', 'val_accuracy', '--goal', 'maximize', '--json']);
    expect([code, stderr]).toEqual([0, '']);
    const result = JSON.parse(stdout) as v.InferOutput<(typeof RESCORE_JSON.records)['rescore']>;
    expect(v.safeParse(outputSchema(RESCORE_JSON), result).success).toBe(true);
    expect(Object.keys(result)[0]).toBe('format');
    expect(result.trials.map((t) => [t.id, t.reread])).toEqual([
      [0, true],
      [1, true],
      [2, false],
      [3, false],
    ]);
    expect(result.trials.map((t) => t.after)).toEqual(lastAccuracies(dir));
    expect([objectivePoints(0), objectivePoints(1)]).toEqual(recordedPoints);
    // trial 0's other metrics are still there, once
    expect(metricsOf(dir, 0).filter((p) => p.name === 'loss')).toHaveLength(3);
    // and `best` lists it among the trial's metrics
    expect(resultJson(dir, 1).lastMetrics?.val_accuracy).toBe(lastAccuracies(dir)[1]);
  });

  it('says so, once, when the logs it would read again were removed by `sweeptop clean`', async () => {
    const dir = copyOf('cleaned');
    rmSync(join(dir, 'trials', '1', 'metrics.jsonl'));
    const cleaned = await runCli(['clean', dir, '--keep-top', '1']);
    expect([cleaned.code, cleaned.stderr]).toEqual([0, '']);
    expect(existsSync(join(dir, 'trials', '1', 'stdout.log'))).toBe(false);

    const { code, stderr } = await runCli(['rescore', dir, '--metric', 'val_accuracy', '--goal', 'maximize']);
    expect(code).toBe(0);
    expect(stderr).toBe(
      'sweeptop: trial 1: its logs were removed by `sweeptop clean` and cannot be read again for val_accuracy; scored from metrics.jsonl alone\n',
    );
  });

  it('--value best and --combine median change the objective of a trial of several folds as they say', async () => {
    const dir = copyOf('folds');
    // trial 2 trained three folds: last values 0.80, 0.65, 0.85; best 0.90, 0.65, 0.95
    const folds: Array<[string, number[]]> = [
      ['fold 1', [0.7, 0.9, 0.8]],
      ['fold 2', [0.6, 0.65]],
      ['fold 3', [0.5, 0.95, 0.85]],
    ];
    const lines = folds.flatMap(([context, values]) =>
      values.map((value, step) => JSON.stringify({ name: 'val_accuracy', step, value, time: 0, offset: 0, context })),
    );
    writeFileSync(join(dir, 'trials', '2', 'metrics.jsonl'), lines.join('\n') + '\n');
    const trial2 = async (args: string[]) => {
      const { code, stdout, stderr } = await runCli(['rescore', dir, ...args, '--json']);
      expect([code, stderr]).toEqual([0, '']);
      return (JSON.parse(stdout) as { trials: Array<{ after: number }> }).trials[2].after;
    };
    expect(await trial2(['--metric', 'val_accuracy', '--goal', 'maximize'])).toBeCloseTo((0.8 + 0.65 + 0.85) / 3, 12);
    expect(await trial2(['--combine', 'median'])).toBe(0.8);
    expect(await trial2(['--value', 'best'])).toBe(0.9);
    expect(await trial2(['--combine', 'mean'])).toBeCloseTo((0.9 + 0.65 + 0.95) / 3, 12);
    const record = sweepJson(dir).trials[2];
    expect([record.contexts, record.rescored?.map((r) => r.metric.combine)]).toEqual([3, ['mean', 'mean', 'median', 'median']]);
    expect(sweepJson(dir).config.metric).toEqual({ name: 'val_accuracy', goal: 'maximize', value: 'best', combine: 'mean' });
  }, 30_000);
});

describe('sweeptop rescore on a sweep a controller runs', () => {
  const folder = useSweepFolder();

  it('is refused in one line that says to stop it first, and changes nothing', async () => {
    folder.temp.file('sweep.yaml', MISSPELLED.replace('--epochs 3', '--epochs 100000'));
    const run = await runCli(['run', 'sweep.yaml', '--detach', '--dir', 'out'], { cwd: folder.temp.path, env: folder.env });
    expect([run.code, run.stderr]).toEqual([0, '']);
    const dir = run.stdout.trim();
    const { code, stdout, stderr } = await runCli(['rescore', dir, '--metric', 'val_accuracy'], { env: folder.env });
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toBe(
      `sweeptop: ${dir} is run by a live controller (pid ${lockPid(dir)}); stop it first (\`sweeptop stop ${dir}\`), then rescore it\n`,
    );
    expect(sweepJson(dir).config.metric).toEqual(OLD_METRIC);
    expect(existsSync(join(dir, 'controller.lock'))).toBe(true);
  });
});
