import { join } from 'node:path';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_TABLE } from '../../src/cli/command-table.js';
import { outputSchema, type JsonOutput } from '../../src/cli/output/json-output.js';
import { BEST_JSON, EXPORT_JSON, JSON_OUTPUTS, LS_JSON, METRICS_JSON, REPLAY_JSON, STATUS_JSON } from '../../src/cli/output/shapes.js';
import { runCli } from '../helpers/cli.js';
import { TempDir, TRAINER } from '../helpers/sweep.js';

const SWEEP = (trials: number, flags: string) => `name: shapes
command: node ${TRAINER} --lr {lr} --layers {layers} ${flags}
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
  layers: {type: int, low: 1, high: 4}
metric: {name: val_loss, goal: minimize}
trials: ${trials}
parallel: 2
`;

/** Checks one record against the output's declared shape, its version first. */
function expectShape(output: JsonOutput, record: unknown): void {
  const result = v.safeParse(outputSchema(output), record);
  expect(result.success, `${output.command}: ${result.issues ? v.summarize(result.issues) : ''}\n${JSON.stringify(record)}`).toBe(true);
  expect(Object.entries(record as object)[0]).toEqual(['format', output.version]);
}

async function json(args: string[], cwd: string): Promise<unknown> {
  const { code, stdout, stderr } = await runCli(args, { cwd });
  expect([code, stderr], args.join(' ')).toEqual([0, '']);
  return JSON.parse(stdout);
}

async function jsonLines(args: string[], cwd?: string): Promise<unknown[]> {
  const { code, stdout } = await runCli(args, { cwd });
  expect(code, args.join(' ')).toBe(0);
  return stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));
}

describe('every --json output, from real runs of the commands, has its declared shape and format version', () => {
  let temp: TempDir;
  beforeAll(async () => {
    temp = new TempDir();
    // a NaN objective for the trials with one layer: "nan" must fit the shapes too
    temp.file('sweep.yaml', SWEEP(4, '--epochs 2 --epoch-ms 10 --nan-at {layers}'));
    expect((await runCli(['run', '--dir', 'out'], { cwd: temp.path })).code).toBe(0);
  }, 60_000);
  afterAll(() => temp.remove());

  it('status --json', async () => {
    const status = await json(['status', 'out', '--json'], temp.path);
    expectShape(STATUS_JSON, status);
    expect((status as { trials: unknown[] }).trials).toHaveLength(4);
  });

  it('best --json', async () => {
    expectShape(BEST_JSON, await json(['best', 'out', '--json'], temp.path));
  });

  it('export --format json', async () => {
    const rows = (await json(['export', 'out', '--format', 'json'], temp.path)) as unknown[];
    expect(rows).toHaveLength(4);
    for (const row of rows) expectShape(EXPORT_JSON, row);
  });

  it('ls --json', async () => {
    const sweeps = (await json(['ls', '--json'], temp.path)) as Array<{ dir: string }>;
    expect(sweeps.map((s) => s.dir)).toContain(join(temp.path, 'out'));
    for (const sweep of sweeps) expectShape(LS_JSON, sweep);
  });

  it('metrics --json', async () => {
    const points = await jsonLines(['metrics', 'fixtures/logs/kv.log', '--json']);
    expect(points.length).toBeGreaterThan(10);
    for (const point of points) expectShape(METRICS_JSON, point);
  });

  it('replay --json, on a curves file and on the sweep directory', async () => {
    for (const source of [join(process.cwd(), 'fixtures/curves/val-acc-6-trials.json'), join(temp.path, 'out')]) {
      const lines = await jsonLines(['replay', source, '--pruner', 'median', '--set', 'n_startup_trials=1', '--json']);
      for (const line of lines) expectShape(REPLAY_JSON, line);
      expect(v.is(REPLAY_JSON.records.summary, lines.at(-1))).toBe(true);
      expect(lines.slice(0, -1).every((line) => v.is(REPLAY_JSON.records.trial, line))).toBe(true);
    }
  });

  it('best --json prints null while no trial has completed', async () => {
    temp.file('crash.yaml', SWEEP(2, '--epochs 2 --crash-at 0'));
    await runCli(['run', 'crash.yaml', '--dir', 'crashed'], { cwd: temp.path });
    const { code, stdout } = await runCli(['best', 'crashed', '--json'], { cwd: temp.path });
    expect([code, stdout]).toEqual([0, 'null\n']);
  });
});

describe('the declared JSON outputs', () => {
  it('cover every command that can print JSON', () => {
    const printing = COMMAND_TABLE.filter((c) => c.options.json || c.options.format?.choices?.includes('json')).map((c) => c.name);
    expect([...new Set(JSON_OUTPUTS.map((output) => output.command.split(' ')[0]))].sort()).toEqual(printing.sort());
  });

  it('refuse a record without its version or with a field they do not declare', () => {
    const point = { format: 1, name: 'loss', step: 3, value: 'nan' };
    expect(v.is(outputSchema(METRICS_JSON), point)).toBe(true);
    expect(v.is(outputSchema(METRICS_JSON), { ...point, format: 2 })).toBe(false);
    expect(v.is(outputSchema(METRICS_JSON), { name: 'loss', step: 3, value: 1 })).toBe(false);
    expect(v.is(outputSchema(METRICS_JSON), { ...point, extra: true })).toBe(false);
  });
});
