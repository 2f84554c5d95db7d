import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outputSchema } from '../../src/cli/output/json-output.js';
import { ANALYZE_JSON, BEST_JSON, EXPORT_JSON, STATUS_JSON } from '../../src/cli/output/shapes.js';
import { runCli } from '../helpers/cli.js';
import { TempDir } from '../helpers/sweep.js';

const FIXTURE = resolve('fixtures/sweeps/two-objectives.yaml');
const SCRIPT = resolve('fixtures/accuracy-latency.mjs');

interface StoredTrial {
  id: number;
  state: string;
  params: Record<string, number>;
  objective: number | null;
  objectives?: Array<number | null>;
}

/**
 * The front by the definition, pair by pair, from what sweep.json recorded: a trial is on it when
 * no other completed trial has val_acc ≥ and latency_ms ≤ with one of them strict.
 */
function frontByDefinition(trials: readonly StoredTrial[]): number[] {
  const done = trials.filter((t) => t.state === 'completed');
  const beats = (a: StoredTrial, b: StoredTrial) => {
    const [accA, latA] = a.objectives as number[];
    const [accB, latB] = b.objectives as number[];
    return accA >= accB && latA <= latB && (accA > accB || latA < latB);
  };
  return done.filter((t) => !done.some((other) => beats(other, t))).map((t) => t.id);
}

describe('a sweep of two objectives (fixtures/sweeps/two-objectives.yaml), end to end', () => {
  let temp: TempDir;
  let out: string;
  let trials: StoredTrial[];
  beforeAll(async () => {
    temp = new TempDir();
    out = join(temp.path, 'out');
    const run = await runCli(['run', FIXTURE, '--headless', '--dir', out]);
    expect(run.code, run.stderr).toBe(0);
    trials = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8')).trials;
  }, 120_000);
  afterAll(() => temp.remove());

  it('records both objectives of every trial, as the script printed them last', () => {
    expect(trials).toHaveLength(18);
    for (const trial of trials) {
      const { layers, width } = trial.params;
      expect(trial.state).toBe('completed');
      expect(trial.objectives).toHaveLength(2);
      expect(trial.objectives![0]).toBe(trial.objective);
      expect(trial.objectives![1]).toBeCloseTo(1 + 0.02 * layers * width, 6);
    }
  });

  it('best lists exactly the non-dominated trials, by val_acc, each with its command', async () => {
    const expected = frontByDefinition(trials);
    // the fixture has a real trade-off: neither a single trial nor every trial
    expect(expected.length).toBeGreaterThan(1);
    expect(expected.length).toBeLessThan(trials.length);
    const json = await runCli(['best', out, '--json']);
    expect(json.code, json.stderr).toBe(0);
    const record = JSON.parse(json.stdout);
    expect(v.safeParse(outputSchema(BEST_JSON), record).success).toBe(true);
    expect(record.objectives).toEqual([
      { name: 'val_acc', goal: 'maximize' },
      { name: 'latency_ms', goal: 'minimize' },
    ]);
    const ids: number[] = record.front.map((member: { id: number }) => member.id);
    expect([...ids].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
    const accuracies = record.front.map((member: { objectives: Record<string, number> }) => member.objectives.val_acc);
    expect(accuracies).toEqual([...accuracies].sort((a, b) => b - a));
    expect(record.incomplete).toEqual([]);
    expect(record.front[0].command).toContain(`--layers ${record.front[0].params.layers}`);

    const text = await runCli(['best', out]);
    expect(text.code).toBe(0);
    const listed = [...text.stdout.matchAll(/^\s*(\d+)\s+\d/gm)].map((m) => Number(m[1]));
    expect(listed).toEqual(ids);
    expect(text.stdout).toMatch(/^Pareto front: \d+ trials that no other completed trial beats in every objective/);
  });

  it('status marks the front, and export gives a column per objective', async () => {
    const expected = frontByDefinition(trials);
    const status = JSON.parse((await runCli(['status', out, '--json'])).stdout);
    expect(v.safeParse(outputSchema(STATUS_JSON), status).success).toBe(true);
    expect(status.best).toBeNull();
    expect([...status.front].sort((a: number, b: number) => a - b)).toEqual([...expected].sort((a, b) => a - b));
    const text = (await runCli(['status', out])).stdout;
    const starred = [...text.matchAll(/^\s*\*(\d+)\s/gm)].map((m) => Number(m[1]));
    expect(starred.sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));

    const csv = (await runCli(['export', out, '--format', 'csv'])).stdout.trimEnd().split('\n');
    const header = csv[0].split(',');
    expect(header.slice(-2)).toEqual(['objective.val_acc', 'objective.latency_ms']);
    const latencyOf = new Map(csv.slice(1).map((line) => [Number(line.split(',')[0]), Number(line.split(',').at(-1))]));
    for (const trial of trials) expect(latencyOf.get(trial.id)).toBe(trial.objectives![1]);
    const exported = JSON.parse((await runCli(['export', out, '--format', 'json'])).stdout);
    expect(v.safeParse(outputSchema(EXPORT_JSON), exported[0]).success).toBe(true);
    expect(exported[0].objectives).toEqual({ val_acc: trials[0].objectives![0], latency_ms: trials[0].objectives![1] });
  });

  it('analyze judges each objective on its own: latency depends on layers and width, never on lr', async () => {
    const result = await runCli(['analyze', out, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const record = JSON.parse(result.stdout);
    expect(v.safeParse(outputSchema(ANALYZE_JSON), record).success).toBe(true);
    expect(record.by_objective.map((a: { metric: { name: string } }) => a.metric.name)).toEqual(['val_acc', 'latency_ms']);
    const latency = record.by_objective[1];
    expect(latency.metric.goal).toBe('minimize');
    expect(latency.importance.parameters.at(-1).name).toBe('lr');
    expect(latency.top[0].params).toMatchObject({ layers: 1, width: 16 });
    const text = (await runCli(['analyze', out])).stdout;
    expect(text).toContain('── objective 2 of 2: latency_ms ──');
  });

  it('rescore refuses with one line, changing nothing', async () => {
    const rescore = await runCli(['rescore', out, '--metric', 'val_acc']);
    expect(rescore.code).toBe(2);
    expect(rescore.stderr.trim().split('\n')).toHaveLength(1);
    expect(rescore.stderr).toMatch(/this sweep has 2 \(val_acc, latency_ms\); rescoring a multi-objective sweep is not built yet/);
  });
});

describe('stop_when in a sweep of two objectives', () => {
  it("names one objective, and stops launching when a completed trial's value of it (its folds combined) reaches it", async () => {
    const temp = new TempDir();
    try {
      const sweep = temp.file(
        'sweep.yaml',
        `command: node ${SCRIPT} --layers {layers} --width {width} --fold {fold}
parameters:
  layers: [1, 4]
  width: [16, 64]
sampler: grid
folds: 2
metric: [{name: val_acc, goal: maximize}, {name: latency_ms, goal: minimize}]
stop_when: "latency_ms <= 1.4"
`,
      );
      const run = await runCli(['run', sweep, '--headless', '--dir', join(temp.path, 'out')]);
      expect(run.code, run.stderr).toBe(0);
      // trial 0 (1 layer of 16): latency 1.32 in fold 0 and 1.42 in fold 1, whose mean 1.37 is
      // its objective; the last value printed (1.42) alone would not meet the condition
      expect(run.stdout).toMatch(/stop_when "latency_ms <= 1\.4" met by trial 0 \(latency_ms = 1\.3[67]\d*\)/);
      const stored = JSON.parse(readFileSync(join(temp.path, 'out', 'sweep.json'), 'utf8')).trials as StoredTrial[];
      expect(stored.filter((t) => t.state === 'completed').map((t) => t.id)).toEqual([0]);
      expect(stored[0].objectives![1]).toBeCloseTo(1.37, 9);
    } finally {
      temp.remove();
    }
  }, 60_000);
});

describe('a second objective never reported', () => {
  it('stops the sweep as a first one does, naming it and the closest name seen', async () => {
    const temp = new TempDir();
    try {
      const sweep = temp.file(
        'sweep.yaml',
        `command: node ${SCRIPT} --layers {layers} --width {width}
parameters:
  layers: [1, 2, 4]
  width: [16, 64]
sampler: grid
metric: [{name: val_acc, goal: maximize}, {name: latency, goal: minimize}]
`,
      );
      const run = await runCli(['run', sweep, '--headless', '--dir', join(temp.path, 'out')]);
      expect(run.code).toBe(3);
      expect(run.stdout).toMatch(/metric 'latency' was never reported; seen: .*did you mean 'latency_ms'\?/);
    } finally {
      temp.remove();
    }
  }, 60_000);
});
