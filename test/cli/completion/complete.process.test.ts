/**
 * `sweeptop __complete`, as the completion scripts call it, on a live sweep: its directory from
 * the registry, and for `ctl` the trials each action may act on as they are now — running ones to
 * pause, the one paused to resume. `sweeptop completion` prints a script, or refuses a shell it
 * has none for in one line.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SweepDocument } from '../../../src/engine/state/records.js';
import { runCli } from '../../helpers/cli.js';
import { detachedSweepsPerTest } from '../../helpers/detached-sweeps.js';
import { TRAINER, waitFor } from '../../helpers/sweep.js';

const { temp, env, startDetached } = detachedSweepsPerTest();

const SWEEP = `name: completion
command: node ${TRAINER} --lr {lr} --epochs 600 --epoch-ms 100
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
trials: 5
parallel: 2
grace: 1s
metric: {name: val_loss, goal: minimize}
`;

const doc = (dir: string) => JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8')) as SweepDocument;
const ids = (dir: string, ...states: string[]) =>
  doc(dir)
    .trials.filter((t) => states.includes(t.state))
    .map((t) => String(t.id));

async function complete(cwd: string, ...words: string[]): Promise<string[]> {
  const { code, stdout, stderr } = await runCli(['__complete', '--', ...words], { cwd, env });
  expect([code, stderr]).toEqual([0, '']);
  return stdout.split('\n').filter(Boolean);
}

describe('sweeptop __complete', () => {
  it("offers a live sweep's directory, and the trials each ctl action may act on now", async () => {
    const { dir } = await startDetached(SWEEP);
    await waitFor(() => ids(dir, 'running').length === 2, 20_000, 'two trials running');

    expect(await complete(temp.path, 'status', '')).toEqual([relative(temp.path, dir)]);
    // from a folder outside it, in full
    expect(await complete(process.cwd(), 'attach', '')).toEqual([dir]);
    expect(await complete(temp.path, 'ctl', dir, 'pause', '')).toEqual(ids(dir, 'running'));
    expect(await complete(temp.path, 'ctl', dir, 'resume', '')).toEqual([]);

    const [paused] = ids(dir, 'running');
    expect((await runCli(['ctl', dir, 'pause', paused], { env })).code).toBe(0);
    await waitFor(() => ids(dir, 'paused').length === 1, 10_000, 'the trial paused in sweep.json');
    // without DIR, as `ctl` itself: the sweep started from the current folder
    expect(await complete(temp.path, 'ctl', 'resume', '')).toEqual([paused]);
    expect(await complete(temp.path, 'ctl', dir, 'pause', '')).not.toContain(paused);

    expect((await runCli(['stop', dir, '--now'], { env })).code).toBe(0);
    // no controller takes commands any more: no trial is offered
    expect(await complete(temp.path, 'ctl', dir, 'kill', '')).toEqual([]);
  }, 60_000);

  it('prints a script for each shell, and refuses another in one line', async () => {
    for (const shell of ['bash', 'zsh', 'fish']) {
      const { code, stdout } = await runCli(['completion', shell]);
      expect(code).toBe(0);
      expect(stdout).toContain('sweeptop __complete -- ');
    }
    const refused = await runCli(['completion', 'tcsh']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('sweeptop: SHELL: expected bash, zsh or fish, got "tcsh"\nusage: sweeptop completion SHELL\n');
  });
});
