import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runReplay } from '../../src/cli/commands/replay.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/curves/val-acc-6-trials.json', import.meta.url));

function sink() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

async function replayCli(...args: string[]) {
  const stdout = sink();
  const stderr = sink();
  const code = await runReplay(args, { stdout: stdout.stream, stderr: stderr.stream });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const jsonLines = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));

describe('sweeptop replay on a curves file', () => {
  it('prints one JSON object per trial, then the summary (hand-checked, sequential)', async () => {
    const { code, stdout, stderr } = await replayCli(FIXTURE, '--pruner', 'median', '--set', 'n_startup_trials=2', '--json');
    expect([code, stderr]).toEqual([0, '']);
    // Trials 0 and 1 run alone (fewer than 2 completed); 2 stays above the median at every step
    // (0.355, 0.45, 0.495, 0.52, 0.535); 3, 4, 5 are below the step-0 median of {0.41, 0.30, 0.45}.
    const reason = (v: number) => `pruned at step 0: best val_acc ${v} < median 0.41 of 3 completed trials at step 0`;
    expect(jsonLines(stdout)).toEqual([
      { format: 1, id: '0', pruned: false, pruned_at_step: null, steps_run: 5, reason: null },
      { format: 1, id: '1', pruned: false, pruned_at_step: null, steps_run: 5, reason: null },
      { format: 1, id: '2', pruned: false, pruned_at_step: null, steps_run: 5, reason: null },
      { format: 1, id: '3', pruned: true, pruned_at_step: 0, steps_run: 1, reason: reason(0.1) },
      { format: 1, id: '4', pruned: true, pruned_at_step: 0, steps_run: 1, reason: reason(0.35) },
      { format: 1, id: '5', pruned: true, pruned_at_step: 0, steps_run: 1, reason: reason(0.2) },
      {
        format: 1,
        summary: {
          steps_run: 18,
          steps_full: 28,
          saved_fraction: 1 - 18 / 28,
          best_kept: '2',
          best_overall: '4', // 0.74 at the end: the slow starter the median pruner loses
          best_survived: false,
        },
      },
    ]);
  });

  it('with --concurrency 2, judges trials against what had completed at their time', async () => {
    const { stdout } = await replayCli(FIXTURE, '--pruner', 'median', '--set', 'n_startup_trials=2', '--concurrency', '2', '--json');
    const lines = jsonLines(stdout);
    // 0 and 1 end at time 5; 2 and 3 start then; 3 is pruned at time 6 and 4 takes its slot, its
    // step 0 at time 7 — when only 0 and 1 have completed: median (0.41 + 0.30) / 2 = 0.355.
    expect(lines[4]).toEqual({
      format: 1,
      id: '4',
      pruned: true,
      pruned_at_step: 0,
      steps_run: 1,
      reason: 'pruned at step 0: best val_acc 0.35 < median 0.355 of 2 completed trials at step 0',
    });
    expect(lines.slice(0, 4).map((l) => l.steps_run)).toEqual([5, 5, 5, 1]);
  });

  it('gives byte-identical output on every run', async () => {
    const args = [FIXTURE, '--pruner', 'asha', '--set', 'min_resource=1', '--set', 'reduction_factor=2', '--json'];
    const first = await replayCli(...args);
    expect((await replayCli(...args)).stdout).toBe(first.stdout);
    expect(jsonLines(first.stdout).at(-1).summary.steps_full).toBe(28);
  });

  it('reads --set values as YAML scalars and --goal / --metric as overrides', async () => {
    // min_resource "auto" is a string; minimising val_acc flips which trials look bad.
    const auto = await replayCli(FIXTURE, '--pruner', 'asha', '--set', 'min_resource=auto', '--json');
    expect(auto.code).toBe(0);
    const flipped = jsonLines(
      (await replayCli(FIXTURE, '--pruner', 'median', '--set', 'n_startup_trials=2', '--goal', 'minimize', '--json')).stdout,
    );
    // Minimising: trial 2 (0.45 > median 0.355 at step 0) is now the one pruned.
    expect(flipped[2]).toMatchObject({ id: '2', pruned: true, pruned_at_step: 0 });
    expect(flipped[2].reason).toContain('best val_acc 0.45 > median 0.355');
    const renamed = jsonLines((await replayCli(FIXTURE, '--pruner', 'median', '--metric', 'acc', '--json')).stdout);
    expect(renamed.length).toBe(7);
  });

  it('prints a readable table and summary without --json', async () => {
    const { code, stdout } = await replayCli(FIXTURE, '--pruner', 'median', '--set', 'n_startup_trials=2');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^trial\s+steps run\s+pruned at\s+reason$/);
    expect(lines[4]).toMatch(/^3\s+1\s+0\s+pruned at step 0: best val_acc 0\.1 < median 0\.41/);
    expect(lines.at(-1)).toBe(
      'median on val_acc (maximize), concurrency 1: pruned 3 of 6 trials, ran 18 of 28 steps (saved 35.7%); ' +
        'best trial 4 was PRUNED; best kept: 2',
    );
  });
});

describe('sweeptop replay on a sweep directory', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function writeSweep(plugins: string[] = []): Promise<string> {
    dir = await mkdtemp(join(tmpdir(), 'sweeptop-replay-'));
    const trials = [
      { id: 2, state: 'completed' },
      { id: 0, state: 'completed' },
      { id: 1, state: 'completed' },
      { id: 3, state: 'running' },
      { id: 4, state: 'failed' },
    ].map((t) => ({ ...t, params: {} }));
    await writeFile(
      join(dir, 'sweep.json'),
      JSON.stringify({ config: { metric: { name: 'val_loss', goal: 'minimize' }, plugins }, trials }),
    );
    const line = (name: string, step: number, value: number | string) => JSON.stringify({ name, step, value, time: 0, offset: 0 });
    const metrics: Record<number, string[]> = {
      0: [line('val_loss', 0, 1.0), line('train_loss', 0, 2), line('val_loss', 1, 0.9), line('val_loss', 1, 0.8), line('val_loss', 2, 0.6)],
      1: [line('val_loss', 0, 'nan'), line('val_loss', 1, 2.0)],
      2: [line('val_loss', 0, 1.1), line('val_loss', 1, 1.0), line('val_loss', 2, 0.9)],
      3: [line('val_loss', 0, 0.1)],
      4: [line('val_loss', 0, 0.5), '{"name": "val_lo'],
    };
    for (const [id, lines] of Object.entries(metrics)) {
      await mkdir(join(dir, 'trials', id), { recursive: true });
      await writeFile(join(dir, 'trials', id, 'metrics.jsonl'), lines.join('\n'));
    }
    return dir;
  }

  it('replays finished trials in id order, last value per step, skipping unfinished ones', async () => {
    const { code, stdout, stderr } = await replayCli(await writeSweep(), '--pruner', 'median', '--set', 'n_startup_trials=1', '--json');
    expect(code).toBe(0);
    expect(stderr).toBe('note: skipped 1 unfinished trials (3)\n');
    expect(jsonLines(stdout)).toEqual([
      { format: 1, id: '0', pruned: false, pruned_at_step: null, steps_run: 3, reason: null },
      { format: 1, id: '1', pruned: true, pruned_at_step: 0, steps_run: 1, reason: 'pruned at step 0: every val_loss so far is nan' },
      {
        format: 1,
        id: '2',
        pruned: true,
        pruned_at_step: 0,
        steps_run: 1,
        reason: 'pruned at step 0: best val_loss 1.1 > median 1 of 1 completed trials at step 0',
      },
      // Failed after one report (the torn last line is ignored): never completed, so not "best".
      { format: 1, id: '4', pruned: false, pruned_at_step: null, steps_run: 1, reason: null },
      {
        format: 1,
        summary: { steps_run: 6, steps_full: 9, saved_fraction: 1 - 6 / 9, best_kept: '0', best_overall: '0', best_survived: true },
      },
    ]);
  });

  it("loads the sweep's own plugins, so a user pruner replays as it ran", async () => {
    const sweep = await writeSweep();
    const plugin = join(sweep, 'first-step.mjs');
    await writeFile(plugin, FIRST_STEP_PRUNER);
    const without = await replayCli(sweep, '--pruner', 'first_step', '--json');
    expect(without.stderr).toMatch(/--pruner: unknown pruner "first_step"/);
    await writeFile(
      join(sweep, 'sweep.json'),
      JSON.stringify({
        config: { metric: { name: 'val_loss', goal: 'minimize' }, plugins: [plugin] },
        trials: [{ id: 0, state: 'completed', params: {} }],
      }),
    );
    const { code, stdout } = await replayCli(sweep, '--pruner', 'first_step', '--json');
    expect(code).toBe(0);
    expect(jsonLines(stdout)[0]).toMatchObject({
      id: '0',
      pruned: true,
      pruned_at_step: 1,
      reason: 'pruned at step 1: past its first step',
    });
  });

  it('follows --metric to another recorded metric', async () => {
    const { stdout } = await replayCli(await writeSweep(), '--pruner', 'none', '--metric', 'train_loss', '--json');
    expect(jsonLines(stdout).at(-1).summary.steps_full).toBe(1);
  });
});

/** A user pruner: stops every trial once it reports past its first step. */
const FIRST_STEP_PRUNER = `export default {
  name: 'first_step', kind: 'pruner',
  create: () => ({ decide: ({ step, previousStep }) => previousStep === null ? { action: 'continue', reason: null } : { action: 'prune', reason: 'past its first step' } }),
};
export const median = { name: 'median', kind: 'pruner', create: () => ({ decide: () => ({ action: 'continue', reason: null }) }) };
`;

describe('sweeptop replay of a curves file with --config', () => {
  it("loads the sweep file's plugins, noting a built-in one replaces", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sweeptop-replay-config-'));
    try {
      await writeFile(join(dir, 'first-step.mjs'), FIRST_STEP_PRUNER);
      const sweepFile = join(dir, 'sweep.yaml');
      await writeFile(sweepFile, 'command: "true"\nparameters: {x: [1, 2]}\nsampler: grid\nmetric: val_acc\nplugins: [./first-step.mjs]\n');
      const first = await replayCli(FIXTURE, '--pruner', 'first_step', '--config', sweepFile, '--json');
      expect(first.code).toBe(0);
      expect(
        jsonLines(first.stdout)
          .slice(0, -1)
          .every((trial) => trial.pruned_at_step === 1),
      ).toBe(true);
      expect(first.stderr).toBe(`note: ${join(dir, 'first-step.mjs')} replaces the built-in pruner "median"\n`);
      // the replacement is the one that runs: it never prunes
      const median = await replayCli(FIXTURE, '--pruner', 'median', '--config', sweepFile, '--json');
      expect(jsonLines(median.stdout).at(-1).summary.saved_fraction).toBe(0);
      const broken = await replayCli(FIXTURE, '--pruner', 'median', '--config', join(dir, 'nope.yaml'));
      expect([broken.code, broken.stderr]).toEqual([2, `sweeptop replay: ${join(dir, 'nope.yaml')}: no such file\n`]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('sweeptop replay with bad input', () => {
  it.each([
    [['--pruner', 'median'], 'SOURCE: expected one sweep directory or curves file, got 0'],
    [[FIXTURE], '--pruner: expected a pruner type, e.g. --pruner median'],
    [[FIXTURE, '--prunr', 'median'], "unknown option '--prunr'; did you mean '--pruner'?"],
    [
      [FIXTURE, '--pruner', 'bogus'],
      '--pruner: unknown pruner "bogus"; valid: none, median, percentile, asha, hyperband, threshold, patient, median_stopping',
    ],
    [[FIXTURE, '--pruner', 'median', '--set', 'n_warmup_steps=-1'], '--set n_warmup_steps: expected an integer >= 0, got -1'],
    [[FIXTURE, '--pruner', 'median', '--set', 'warmup=3'], /^--set warmup: unknown option; expected one of n_startup_trials/],
    [[FIXTURE, '--pruner', 'median', '--set', 'n_warmup_steps'], '--set: expected key=value, got "n_warmup_steps"'],
    [[FIXTURE, '--pruner', 'median', '--goal', 'up'], '--goal: expected minimize or maximize, got "up"'],
    [[FIXTURE, '--pruner', 'median', '--concurrency', '0'], '--concurrency: expected an integer >= 1, got "0"'],
    [['/no/such/curves.json', '--pruner', 'median'], '/no/such/curves.json: no such file or directory'],
  ] as Array<[string[], string | RegExp]>)('%j → exit 2 and one line naming the problem', async (args, message) => {
    const { code, stdout, stderr } = await replayCli(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.endsWith('\n') && stderr.split('\n').length).toBe(2);
    const text = stderr.replace(/^sweeptop replay: /, '').trimEnd();
    if (typeof message === 'string') expect(text).toBe(message);
    else expect(text).toMatch(message);
  });

  it('names the bad field of a curves file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sweeptop-curves-'));
    try {
      const file = join(dir, 'curves.json');
      await writeFile(file, JSON.stringify({ metric: 'loss', goal: 'minimize', trials: [{ id: '0', values: { '0': 1, one: 2 } }] }));
      expect((await replayCli(file, '--pruner', 'median')).stderr).toBe(
        `sweeptop replay: ${file}: trials[0].values: expected integer steps as keys, got "one"\n`,
      );
      await writeFile(file, JSON.stringify({ metric: 'loss', trials: [{ id: '0', values: { '0': 'x' } }] }));
      expect((await replayCli(file, '--pruner', 'median', '--goal', 'minimize')).stderr).toBe(
        `sweeptop replay: ${file}: trials[0].values["0"]: expected a number, "nan", "inf" or "-inf", got "x"\n`,
      );
      await writeFile(file, JSON.stringify({ metric: 'loss', trials: [] }));
      expect((await replayCli(file, '--pruner', 'median')).stderr).toBe(`sweeptop replay: ${file}: goal: not recorded; give --goal\n`);
      await writeFile(file, '{"metric": ');
      expect((await replayCli(file, '--pruner', 'median')).stderr).toMatch(/: not valid JSON/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
