import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tpeSampler } from '../../plugins/samplers/tpe.js';
import { Rng } from '../../src/plugin-api/rng.js';
import type { SamplerTrial } from '../../src/plugin-api/sampler.js';
import type { Params, SearchSpace } from '../../src/plugin-api/space.js';
import { runCli } from '../helpers/cli.js';
import { TempDir, TRAINER } from '../helpers/sweep.js';

let temp: TempDir;
beforeEach(() => {
  temp = new TempDir();
});
afterEach(() => temp.remove());

const SPACE = `parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
  layers: {type: int, low: 1, high: 6}
`;
const SWEEP = (
  extra = '',
  space = SPACE,
  metric = 'val_loss',
) => `command: node ${TRAINER} --lr {lr} --layers {layers} --epochs 2 --epoch-ms 5
${space}metric: {name: ${metric}, goal: minimize}
sampler: {type: tpe, n_startup_trials: 5}
seed: 3
parallel: 1
${extra}`;

interface StoredTrial {
  id: number;
  params: Params;
  state: SamplerTrial['state'];
  objective: number | null;
  step: number | null;
}
const sweepJson = (dir: string) =>
  JSON.parse(readFileSync(join(temp.path, dir, 'sweep.json'), 'utf8')) as {
    config: { parameters: SearchSpace };
    trials: StoredTrial[];
  };

/** What TPE itself suggests for trial `id` of a seed-3 sweep after `history`: the engine's rng, the same options. */
function tpeSuggestion(space: SearchSpace, id: number, history: SamplerTrial[]): Params | undefined {
  const sampler = tpeSampler.create({ n_startup_trials: 5 }, { space, goal: 'minimize', seed: 3 });
  return sampler.suggest({ trialId: id, rng: Rng.derive('sweeptop', 3, 'trial', id), history });
}

const asHistory = (trials: StoredTrial[], firstId: number): SamplerTrial[] =>
  trials.map((t, i) => ({ id: firstId + i, params: t.params, state: t.state, objective: t.objective, lastStep: t.step }));

async function earlierSweep(): Promise<StoredTrial[]> {
  temp.file('earlier.yaml', SWEEP('trials: 8\n'));
  const { code, stderr } = await runCli(['run', 'earlier.yaml', '--dir', 'earlier', '--headless'], { cwd: temp.path });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return sweepJson('earlier').trials;
}

describe('warm start', () => {
  it("TPE starts from the earlier sweep's trials as its own history, and a resumed sweep keeps that history", async () => {
    const earlier = await earlierSweep();
    expect(earlier.every((t) => t.state === 'completed')).toBe(true);
    temp.file('warm.yaml', SWEEP('trials: 2\nwarm_start: [earlier]\n'));
    temp.file('cold.yaml', SWEEP('trials: 2\n'));
    const warm = await runCli(['run', 'warm.yaml', '--dir', 'warm', '--headless'], { cwd: temp.path });
    const cold = await runCli(['run', 'cold.yaml', '--dir', 'cold', '--headless'], { cwd: temp.path });
    expect([warm.code, cold.code, warm.stderr]).toEqual([0, 0, '']);
    const space = sweepJson('warm').config.parameters;
    const warmTrials = sweepJson('warm').trials;
    // not trials of the new sweep
    expect(warmTrials.map((t) => t.id)).toEqual([0, 1]);
    const history = asHistory(earlier, -earlier.length);
    expect(warmTrials[0].params).not.toEqual(sweepJson('cold').trials[0].params);
    expect(warmTrials[0].params).toEqual(tpeSuggestion(space, 0, history));
    expect(warmTrials[1].params).toEqual(tpeSuggestion(space, 1, [...history, ...asHistory(warmTrials.slice(0, 1), 0)]));

    const status = await runCli(['status', 'warm'], { cwd: temp.path });
    expect(status.stdout).toContain(`warm start: 8 trials from ${join(temp.path, 'earlier')}`);
    const statusJson = async (dir: string) => JSON.parse((await runCli(['status', dir, '--json'], { cwd: temp.path })).stdout);
    expect((await statusJson('warm')).warm_start).toEqual({ trials: 8, dirs: [join(temp.path, 'earlier')] });
    expect((await statusJson('cold')).warm_start).toBeNull();

    // the earlier sweep gone: the resumed sweep still learns from the trials it was started with
    renameSync(join(temp.path, 'earlier'), join(temp.path, 'moved'));
    const resumed = await runCli(['resume', 'warm', '--trials', '3', '--headless'], { cwd: temp.path });
    expect([resumed.code, resumed.stderr]).toEqual([0, '']);
    const after = sweepJson('warm').trials;
    const own = asHistory(after.slice(0, 2), 0);
    expect(after[2].params).toEqual(tpeSuggestion(space, 2, [...history, ...own]));
    expect(after[2].params).not.toEqual(tpeSuggestion(space, 2, own));
  });

  it('re-reads the warm_start directories from sweep.yaml when sweep.json is damaged, and says once when they are gone', async () => {
    const earlier = await earlierSweep();
    temp.file('warm.yaml', SWEEP('trials: 2\nwarm_start: [earlier]\n'));
    expect((await runCli(['run', 'warm.yaml', '--dir', 'warm', '--headless'], { cwd: temp.path })).code).toBe(0);
    const space = sweepJson('warm').config.parameters;
    const own = asHistory(sweepJson('warm').trials, 0);
    const history = asHistory(earlier, -earlier.length);

    writeFileSync(join(temp.path, 'warm', 'sweep.json'), '{"damaged');
    const reread = await runCli(['resume', 'warm', '--trials', '3', '--headless'], { cwd: temp.path });
    expect(reread.code).toBe(0);
    expect(reread.stderr).toContain(
      `sweeptop: note: warm start: sweep.json was damaged; 8 trials read again from ${join(temp.path, 'earlier')}, as they are now\n`,
    );
    const third = sweepJson('warm').trials[2];
    expect(third.params).toEqual(tpeSuggestion(space, 2, [...history, ...own]));

    writeFileSync(join(temp.path, 'warm', 'sweep.json'), '{"damaged');
    renameSync(join(temp.path, 'earlier'), join(temp.path, 'moved'));
    const lost = await runCli(['resume', 'warm', '--trials', '4', '--headless'], { cwd: temp.path });
    expect(lost.code).toBe(0);
    const lines = lost.stderr.split('\n').filter((line) => line.includes('warm start'));
    expect(lines).toEqual([
      `sweeptop: warning: warm start: sweep.json was damaged and ${join(temp.path, 'earlier')}: not a sweep directory; the sampler goes on without the earlier sweeps' trials`,
    ]);
    expect(sweepJson('warm').trials).toHaveLength(4);
  });

  it('re-reads a relative --warm-start directory against the folder the sweep was run from, whatever folder resume runs in', async () => {
    const earlier = await earlierSweep();
    temp.file('warm.yaml', SWEEP('trials: 2\n'));
    expect((await runCli(['run', 'warm.yaml', '--dir', 'warm', '--headless', '--warm-start', 'earlier'], { cwd: temp.path })).code).toBe(0);
    const space = sweepJson('warm').config.parameters;
    const own = asHistory(sweepJson('warm').trials, 0);
    const history = asHistory(earlier, -earlier.length);

    writeFileSync(join(temp.path, 'warm', 'sweep.json'), '{"damaged');
    // resumed from inside the sweep's folder, where `earlier` names nothing
    const reread = await runCli(['resume', '.', '--trials', '3', '--headless'], { cwd: join(temp.path, 'warm') });
    expect(reread.code).toBe(0);
    expect(reread.stderr).toContain(
      `sweeptop: note: warm start: sweep.json was damaged; 8 trials read again from ${join(temp.path, 'earlier')}, as they are now\n`,
    );
    expect(sweepJson('warm').trials[2].params).toEqual(tpeSuggestion(space, 2, [...history, ...own]));
  });

  it('grid skips the points an earlier sweep completed and runs its failed points again', async () => {
    const grid = (extra: string) => `command: node ${TRAINER} --layers {layers} --exit-code {code} --epochs 1 --epoch-ms 5
parameters:
  layers: {type: choice, values: [1, 2, 3]}
  code: {type: choice, values: [0, 3]}
metric: {name: val_loss, goal: minimize}
sampler: grid
parallel: 1
${extra}`;
    temp.file('earlier.yaml', grid(''));
    await runCli(['run', 'earlier.yaml', '--dir', 'earlier', '--headless'], { cwd: temp.path });
    const earlier = sweepJson('earlier').trials;
    expect(earlier.map((t) => t.state)).toEqual(['completed', 'failed', 'completed', 'failed', 'completed', 'failed']);
    temp.file('again.yaml', grid('warm_start: [earlier]\n'));
    await runCli(['run', 'again.yaml', '--dir', 'again', '--headless'], { cwd: temp.path });
    const failedPoints = earlier.filter((t) => t.state === 'failed').map((t) => t.params);
    expect(sweepJson('again').trials.map((t) => t.params)).toEqual(failedPoints);
  });

  it('refuses an earlier sweep of another question in one line at the warm_start entry, and drops values outside the range with a count', async () => {
    await earlierSweep();
    const refused = async (yaml: string, flags: string[] = []) => {
      temp.file('next.yaml', yaml);
      const { code, stderr } = await runCli(['run', 'next.yaml', '--dry-run', ...flags], { cwd: temp.path });
      expect(code).toBe(2);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      return stderr.trim();
    };
    const earlier = join(temp.path, 'earlier');
    const at = `sweeptop: next.yaml:10:14: warm_start[0]: ${earlier}`;
    expect(await refused(SWEEP('trials: 2\nwarm_start: [earlier]\n', SPACE, 'loss'))).toBe(
      `${at}: metric val_loss (minimize) there, loss (minimize) here`,
    );
    const narrower = SPACE.replace('high: 6}', 'high: 6}\n  dropout: {type: uniform, low: 0, high: 0.5}');
    expect(await refused(SWEEP('trials: 2\nwarm_start: [earlier]\n', narrower))).toBe(
      `sweeptop: next.yaml:11:14: warm_start[0]: ${earlier}: parameter dropout is not in that sweep`,
    );
    const retyped = SPACE.replace('{type: int, low: 1, high: 6}', '{type: uniform, low: 1, high: 6}');
    expect(await refused(SWEEP('trials: 2\nwarm_start: [earlier]\n', retyped))).toBe(`${at}: parameter layers: int there, float here`);
    const apart = SPACE.replace('low: 1, high: 6', 'low: 10, high: 20');
    expect(await refused(SWEEP('trials: 2\nwarm_start: [earlier]\n', apart))).toBe(
      `${at}: parameter layers: range [1, 6] there does not overlap [10, 20] here`,
    );
    expect(await refused(SWEEP('trials: 2\nwarm_start: [nowhere]\n'))).toBe(
      `sweeptop: next.yaml:10:14: warm_start[0]: ${join(temp.path, 'nowhere')}: not a sweep directory`,
    );
    expect(await refused(SWEEP('trials: 2\n'), ['--warm-start', 'nowhere'])).toBe(
      `sweeptop: --warm-start ${join(temp.path, 'nowhere')}: not a sweep directory`,
    );

    const earlierTrials = sweepJson('earlier').trials;
    const outside = earlierTrials.filter((t) => (t.params.layers as number) > 3).length;
    expect(outside).toBeGreaterThan(0);
    temp.file('narrow.yaml', SWEEP('trials: 1\n', SPACE.replace('high: 6', 'high: 3')));
    const narrow = await runCli(['run', 'narrow.yaml', '--dry-run', '--warm-start', 'earlier'], { cwd: temp.path });
    expect(narrow.code).toBe(0);
    expect(narrow.stderr).toBe(
      `sweeptop: note: warm start: ${outside} of 8 trials from ${earlier} dropped: values outside this sweep's space\n`,
    );
  });

  it('says once that the random sampler does not learn from the earlier trials', async () => {
    await earlierSweep();
    temp.file(
      'random.yaml',
      SWEEP('trials: 1\nwarm_start: [earlier]\n').replace('sampler: {type: tpe, n_startup_trials: 5}', 'sampler: random'),
    );
    const { code, stderr } = await runCli(['run', 'random.yaml', '--dry-run'], { cwd: temp.path });
    expect(code).toBe(0);
    expect(stderr).toBe(
      'sweeptop: note: warm start: the random sampler does not learn from earlier trials; they change none of its suggestions\n',
    );
  });
});
