/**
 * `best`, `status` and `export` on a finished budget sweep. The script scores higher on less data
 * (as a small subsample can flatter), so a trial never promoted ends with a better objective, at
 * the first level, than the winner's at the top: it must not be `best`, since only trials that
 * completed the top level compete. Each trial's level and its budget are in every output.
 */
import { join } from 'node:path';
import * as v from 'valibot';
import { beforeAll, describe, expect, it } from 'vitest';
import { outputSchema } from '../../src/cli/output/json-output.js';
import { BEST_JSON, EXPORT_JSON, STATUS_JSON } from '../../src/cli/output/shapes.js';
import { runCli } from '../helpers/cli.js';
import { TempDir } from '../helpers/sweep.js';

// level results of each configuration: a goes on to the top and ends at 0.7; b, not promoted at
// the first level (0.8 < 0.9), keeps 0.8 as its objective
const SCORE = `const scores = { a: [0.9, 0.95, 0.7], b: [0.8, 0.99, 0.99], c: [0.6, 0.99, 0.99] };
const [name, budget] = process.argv.slice(2);
const level = Number(budget) < 0.2 ? 0 : Number(budget) < 0.5 ? 1 : 2;
console.log('score=' + scores[name][level]);
`;

const SWEEP = `name: budget-best
command: node score.mjs {name} {budget}
parameters:
  name: {type: categorical, values: [a, b, c]}
sampler: grid
trials: 3
parallel: 1
budget: {min: 0.1, max: 1.0, reduction_factor: 3, schedule: asha}
metric: {name: score, goal: maximize}
`;

const NINTH = 1 / 9;

describe('best, status and export of a budget sweep', () => {
  const temp = new TempDir();
  const env = { XDG_STATE_HOME: join(temp.path, 'state') };
  const cli = (...args: string[]) => runCli(args, { cwd: temp.path, env });
  beforeAll(async () => {
    temp.file('score.mjs', SCORE);
    temp.file('sweep.yaml', SWEEP);
    const ran = await cli('run', 'sweep.yaml', '--headless', '--dir', 'out');
    expect(ran.code, ran.stderr).toBe(0);
  }, 60_000);

  it('best is the best trial that completed the top level, not one with a better score below, and says its level', async () => {
    const { code, stdout } = await cli('best', 'out');
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('best trial: 0  score 0.7 (maximize) at budget 1 (level 3/3)');
    const best = JSON.parse((await cli('best', 'out', '--json')).stdout);
    expect(v.safeParse(outputSchema(BEST_JSON), best).issues).toBeUndefined();
    expect([best.id, best.objective, best.budget, best.level]).toEqual([0, 0.7, 1, '3/3']);
  });

  it('status gives each trial its level and budget, in text and in --json', async () => {
    const status = JSON.parse((await cli('status', 'out', '--json')).stdout);
    expect(v.safeParse(outputSchema(STATUS_JSON), status).issues).toBeUndefined();
    expect(status.best.id).toBe(0);
    const rows = status.trials.map((t: Record<string, unknown>) => [t.id, t.state, t.objective, t.budget, t.level]);
    expect(rows).toEqual([
      [0, 'completed', 0.7, 1, '3/3'],
      [1, 'pruned', 0.8, NINTH, '1/3'],
      [2, 'pruned', 0.6, NINTH, '1/3'],
    ]);
    expect(status.trials[1].reason).toBe('not promoted at budget 0.111: 0.8 not in top 1 of 3 (cutoff 0.9)');
    const text = (await cli('status', 'out')).stdout.split('\n');
    const header = text.find((line) => /^\s*id\s/.test(line))!;
    expect(header).toMatch(/^\s*id\s+state\s+budget\s+score\s/);
    expect(text.find((line) => /^\s*\*0\s/.test(line))).toMatch(/^\s*\*0\s+completed\s+1 \(3\/3\)\s+0\.7\s/);
    expect(text.find((line) => /^\s*1\s/.test(line))).toMatch(/^\s*1\s+pruned\s+0\.111 \(1\/3\)\s+0\.8\s/);
    // its objective is one level's result: no spread over its runs, which are levels, not folds
    for (const line of text.filter((l) => /^\s*\*?\d\s/.test(l))) expect(line).not.toMatch(/±|\(\d\/\d\)\s+[\d.]+\s+\(/);
  });

  it('export gives each trial its level and budget, as CSV columns and JSON fields', async () => {
    const csv = (await cli('export', 'out')).stdout.trim().split('\n');
    expect(csv[0]).toBe('id,state,param.name,objective,best,steps,exit_code,signal,duration_s,reason,spread,objective_source,budget,level');
    expect(csv[1]).toMatch(/^0,completed,a,0\.7,.*,1,3\/3$/);
    expect(csv[2]).toMatch(new RegExp(`^1,pruned,b,0\\.8,.*,${NINTH},1/3$`));
    const rows = JSON.parse((await cli('export', 'out', '--format', 'json')).stdout);
    for (const row of rows) expect(v.safeParse(outputSchema(EXPORT_JSON), row).issues).toBeUndefined();
    expect(rows.map((r: Record<string, unknown>) => [r.id, r.budget, r.level])).toEqual([
      [0, 1, '3/3'],
      [1, NINTH, '1/3'],
      [2, NINTH, '1/3'],
    ]);
  });
});
