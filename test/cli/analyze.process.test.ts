import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outputSchema } from '../../src/cli/output/json-output.js';
import { ANALYZE_JSON } from '../../src/cli/output/shapes.js';
import { runCli } from '../helpers/cli.js';
import { TempDir, TRAINER } from '../helpers/sweep.js';

const SWEEP = (trials: number) => `name: analyze
command: node ${TRAINER} --lr {lr} --layers {layers} --epochs 2 --epoch-ms 5
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
  layers: {type: int, low: 1, high: 4}
  act: {type: choice, values: [relu, tanh]}
metric: {name: val_loss, goal: minimize}
trials: ${trials}
parallel: 2
`;

interface Analysis {
  completed: number;
  importance: { computed: boolean; reason: string | null; parameters: { name: string; importance: number }[] };
  region_trials: number;
  regions: { name: string; kind: string }[];
  top: { id: number; objective: number }[];
}

describe('sweeptop analyze', () => {
  let temp: TempDir;
  beforeAll(async () => {
    temp = new TempDir();
    temp.file('sweep.yaml', SWEEP(12));
    temp.file('few.yaml', SWEEP(3));
    expect((await runCli(['run', '--dir', 'out'], { cwd: temp.path })).code).toBe(0);
    expect((await runCli(['run', 'few.yaml', '--dir', 'few'], { cwd: temp.path })).code).toBe(0);
  }, 120_000);
  afterAll(() => temp.remove());

  it('--json prints one object of the declared shape: importances summing to 1, a region per parameter, the top 5 best first', async () => {
    const { code, stdout, stderr } = await runCli(['analyze', 'out', '--json'], { cwd: temp.path });
    expect([code, stderr]).toEqual([0, '']);
    const analysis = JSON.parse(stdout) as Analysis;
    const parsed = v.safeParse(outputSchema(ANALYZE_JSON), analysis);
    expect(parsed.issues ? v.summarize(parsed.issues) : '').toBe('');
    expect(analysis.completed).toBe(12);
    expect(analysis.importance.computed).toBe(true);
    expect(analysis.importance.parameters.map((p) => p.name).sort()).toEqual(['act', 'layers', 'lr']);
    expect(analysis.importance.parameters.reduce((sum, p) => sum + p.importance, 0)).toBeCloseTo(1, 9);
    expect(analysis.region_trials).toBe(2);
    expect(analysis.regions.map((r) => [r.name, r.kind])).toEqual([
      ['lr', 'range'],
      ['layers', 'range'],
      ['act', 'shares'],
    ]);
    const objectives = analysis.top.map((t) => t.objective);
    expect(objectives).toHaveLength(5);
    expect(objectives).toEqual([...objectives].sort((a, b) => a - b));
  });

  it('says how many completed trials it needs, in the table and in JSON', async () => {
    const table = await runCli(['analyze', 'few'], { cwd: temp.path });
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('needs 10 completed trials, have 3');
    const analysis = JSON.parse((await runCli(['analyze', 'few', '--json'], { cwd: temp.path })).stdout) as Analysis;
    expect(analysis.importance).toEqual({ computed: false, reason: 'needs 10 completed trials, have 3', parameters: [], absent: [] });
  });

  it('draws importance bars, largest first', async () => {
    const { code, stdout } = await runCli(['analyze', 'out'], { cwd: temp.path });
    expect(code).toBe(0);
    expect(stdout).toMatch(/importance \(fANOVA, as Optuna computes it\):\n {2}\S+ +█/);
    expect(stdout).toContain('best region (the best 2 completed trials):');
    expect(stdout).toContain('top 5 trials:');
  });
});
