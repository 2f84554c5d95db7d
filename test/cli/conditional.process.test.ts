/**
 * The conditional fixture sweep (fixtures/sweeps/conditional.yaml) end to end with real processes:
 * each trial's folder holds only its active parameters, and its process was handed only those —
 * in {args} and in the environment — with units_3's default where --units names it directly.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { detachedSweepsPerTest } from '../helpers/detached-sweeps.js';

const { temp, env } = detachedSweepsPerTest();
const SWEEP = resolve('fixtures/sweeps/conditional.yaml');

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe('a conditional sweep, real processes', () => {
  it('gives each trial exactly its active parameters, in params.json, {args} and the environment', async () => {
    const dir = join(temp.path, 'out');
    const run = await runCli(['run', SWEEP, '--headless', '--dir', dir], { cwd: temp.path, env });
    expect(run.code, run.stderr).toBe(0);
    const status = readJson(join(dir, 'sweep.json'));
    expect(status.trials).toHaveLength(16);

    const seenBranches = new Set<string>();
    for (const { id, state } of status.trials as Array<{ id: number; state: string }>) {
      expect(state, `trial ${id}`).toBe('completed');
      const trialDir = join(dir, 'trials', String(id));
      const params = readJson(join(trialDir, 'params.json'));
      const expected = [
        'optimizer',
        ...(params.optimizer === 'sgd' ? ['momentum'] : ['beta1']),
        'layers',
        ...(params.layers === 3 ? ['units_3'] : []),
      ];
      expect(Object.keys(params), `trial ${id}: ${JSON.stringify(params)}`).toEqual(expected);
      seenBranches.add(`${params.optimizer} ${params.layers === 3 ? 'deep' : 'shallow'}`);

      const { argv, env: names } = readJson(join(trialDir, 'seen.json'));
      const args = expected.map((name) => `--${name}=${params[name]}`);
      expect(argv, `trial ${id}`).toEqual([...args, '--units', String(params.units_3 ?? 16)]);
      expect(names, `trial ${id}`).toEqual(expected.map((name) => `SWEEPTOP_PARAM_${name.toUpperCase()}`).sort());
    }
    // seed 1 reaches every branch: a test that never saw one would prove nothing of it
    expect([...seenBranches].sort()).toEqual(['adam deep', 'adam shallow', 'sgd deep', 'sgd shallow']);

    const csv = (await runCli(['export', dir], { env })).stdout.split('\n');
    expect(csv[0]).toMatch(/^id,state,param\.optimizer,param\.momentum,param\.beta1,param\.layers,param\.units_3,/);
    const adam = status.trials.find((t: { params: { optimizer: string } }) => t.params.optimizer === 'adam');
    // an absent parameter is an empty cell
    expect(csv.find((line) => line.startsWith(`${adam.id},`))).toMatch(new RegExp(`^${adam.id},completed,adam,,[0-9.]+,`));
  });
});
