/**
 * A budget sweep without a screen: the headless output says each promotion, one line with the
 * result it went on with and its rank (`trial 4 promoted to budget 0.333 (0.912, 2nd of 9)`), and
 * each trial not promoted, one line with the reason and its numbers.
 */
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { TempDir } from '../helpers/sweep.js';

const BUDGET_RUN = resolve('fixtures/budget-run.mjs');

const SWEEP = `name: budget-headless
command: node ${BUDGET_RUN} --lr {lr} --width 64 --budget {budget} --ms 20
parameters:
  lr: {type: categorical, values: [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45]}
sampler: grid
parallel: 2
budget: {min: 0.1, max: 1.0, reduction_factor: 3}
metric: {name: accuracy, goal: maximize}
`;

interface StatusTrial {
  id: number;
  state: string;
  runs: { key: string; objective: number }[];
}

describe('a budget sweep, headless', () => {
  const temp = new TempDir();
  let stdout: string;
  let trials: StatusTrial[];
  beforeAll(async () => {
    temp.file('sweep.yaml', SWEEP);
    const ran = await runCli(['run', 'sweep.yaml', '--headless', '--dir', 'out'], { cwd: temp.path });
    expect(ran.code, ran.stderr).toBe(0);
    stdout = ran.stdout;
    trials = JSON.parse((await runCli(['status', 'out', '--json'], { cwd: temp.path })).stdout).trials;
  }, 120_000);

  it('says each promotion once, with the result it went on with and its rank among those judged with it', () => {
    const lines = stdout.split('\n').filter((l) => / promoted to budget /.test(l));
    const promotions = trials.flatMap((t) => t.runs.slice(1).map((run, i) => ({ id: t.id, to: run.key, from: t.runs[i] })));
    expect(promotions.length).toBeGreaterThan(0);
    expect(lines).toHaveLength(promotions.length);
    for (const { id, to, from } of promotions) {
      const line = lines.find((l) => l.includes(`trial ${id} promoted to ${to} (`));
      expect(line, `trial ${id} to ${to}`).toBeDefined();
      const [, value, rank, of] = /\((\S+), (\d+)(?:st|nd|rd|th) of (\d+)\)$/.exec(line!)!;
      expect(Number(value)).toBeCloseTo(from.objective, 3);
      expect(Number(rank)).toBeLessThanOrEqual(Math.max(1, Math.floor(Number(of) / 3)));
    }
  });

  it('says each trial not promoted once, with the reason and its numbers', () => {
    const notPromoted = trials.filter((t) => t.state === 'pruned');
    expect(notPromoted.length).toBeGreaterThan(0);
    for (const t of notPromoted) {
      const lines = stdout.split('\n').filter((l) => new RegExp(`trial ${t.id} pruned\\b`).test(l));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/— not promoted at budget \S+: \S+ not in top \d+ of \d+ \(cutoff \S+\)$/);
    }
  });
});
