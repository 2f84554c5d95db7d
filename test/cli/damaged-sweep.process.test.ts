/**
 * A sweep whose sweep.json is damaged gives the same answers everywhere: status, best, export
 * and replay read the trial folders and say once, on stderr, what they used instead; resume
 * recovers the sweep file from sweep.yaml, and without it refuses in one line.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { TRAINER, waitFor } from '../helpers/sweep.js';
import { killHard, lockPid, useSweepFolder } from '../helpers/sweep-folder.js';

const folder = useSweepFolder();

const SWEEP = (trials: number, parallel: number, epochs: number, epochMs: number) => `name: hurt
command: node ${TRAINER} --lr {lr} --epochs ${epochs} --epoch-ms ${epochMs}
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
trials: ${trials}
parallel: ${parallel}
metric: {name: val_loss, goal: minimize}
`;

const cli = (...args: string[]) => runCli(args, { cwd: folder.temp.path, env: folder.env });

/** sweep.json cut in the middle, as a full disk or a hand edit may leave it. */
function damage(dir: string): void {
  const path = join(dir, 'sweep.json');
  const text = readFileSync(path, 'utf8');
  writeFileSync(path, text.slice(0, text.length / 2));
}

describe('a sweep whose sweep.json is damaged', () => {
  it('is listed and used the same way by status, best, export and replay, each saying once what it read instead', async () => {
    folder.temp.file('sweep.yaml', SWEEP(4, 2, 4, 20));
    expect((await cli('run', 'sweep.yaml', '--headless', '--dir', 'out')).code).toBe(0);
    const dir = join(folder.temp.path, 'out');
    const before = {
      status: JSON.parse((await cli('status', dir, '--json')).stdout),
      best: (await cli('best', dir, '--json')).stdout,
      export: (await cli('export', dir)).stdout,
      replay: (await cli('replay', dir, '--pruner', 'median', '--json')).stdout,
    };
    damage(dir);
    const notice = new RegExp(
      `^sweeptop: ${dir}/sweep.json cannot be read \\([^\n]*\\); the sweep file comes from ${dir}/sweep.yaml and the trials from ${dir}/trials/\n$`,
    );
    const status = await cli('status', dir, '--json');
    expect(status.code).toBe(0);
    expect(status.stderr).toMatch(notice);
    const after = JSON.parse(status.stdout);
    // what only sweep.json knew (that the sweep finished, and why) is not guessed
    expect({ ...after, state: 'finished', stopReason: before.status.stopReason }).toEqual(before.status);
    const text = await cli('status', dir);
    expect(text.stdout).toMatch(/^hurt {2}\(stopped\) .*\n4 trials: 4 completed\n/);
    for (const [command, args] of [
      ['best', ['--json']],
      ['export', []],
    ] as const) {
      const result = await cli(command, dir, ...args);
      expect([result.code, result.stdout]).toEqual([0, before[command]]);
      expect(result.stderr).toMatch(notice);
    }
    const replay = await cli('replay', dir, '--pruner', 'median', '--json');
    expect([replay.code, replay.stdout]).toEqual([0, before.replay]);
    expect(replay.stderr).toBe(`note: ${status.stderr.slice('sweeptop: '.length)}`);

    // with sweep.yaml gone too, the objective is not recorded anywhere: replay asks for it
    rmSync(join(dir, 'sweep.yaml'));
    const blind = await cli('replay', dir, '--pruner', 'median', '--json');
    expect(blind.code).toBe(2);
    expect(blind.stdout).toBe('');
    expect(blind.stderr.split('\n').slice(1)).toEqual([
      `sweeptop replay: ${dir}: metric: not recorded (sweep.json cannot be read); give --metric`,
      '',
    ]);
    expect(blind.stderr).toMatch(
      /^note: .*\/sweep\.json cannot be read \(.*\); there is no readable .*\/sweep\.yaml either: the trials come from .*\/trials\/ alone, and their objective's name and goal are unknown\n/,
    );
    const noGoal = await cli('replay', dir, '--pruner', 'median', '--metric', 'val_loss');
    expect(noGoal.stderr.split('\n')[1]).toBe(`sweeptop replay: ${dir}: goal: not recorded (sweep.json cannot be read); give --goal`);
    const given = await cli('replay', dir, '--pruner', 'median', '--metric', 'val_loss', '--goal', 'minimize', '--json');
    expect([given.code, given.stdout]).toEqual([0, before.replay]);
    const rows = JSON.parse((await cli('status', dir, '--json')).stdout);
    expect(rows.trials).toEqual(before.status.trials);
  }, 90_000);

  it('resume recovers the sweep file from sweep.yaml, keeps the damaged sweep.json aside, and finishes the sweep', async () => {
    folder.temp.file('sweep.yaml', SWEEP(6, 2, 8, 150));
    const run = await cli('run', 'sweep.yaml', '--detach', '--dir', 'out');
    expect(run.code).toBe(0);
    const dir = run.stdout.trim();
    await waitFor(() => existsSync(join(dir, 'trials', '1', 'result.json')), 30_000, 'two trials done');
    await killHard(lockPid(dir));
    damage(dir);
    const damaged = readFileSync(join(dir, 'sweep.json'), 'utf8');
    const resumed = await cli('resume', dir, '--headless');
    expect(resumed.stderr).toMatch(
      new RegExp(
        `^sweeptop: ${dir}/sweep.json cannot be read \\(.*\\); the sweep file comes from ${dir}/sweep.yaml and the trials from ${dir}/trials/\n$`,
      ),
    );
    expect(resumed.code).toBe(0);
    expect(readFileSync(join(dir, 'sweep.json.damaged'), 'utf8')).toBe(damaged);
    const status = await cli('status', dir, '--json');
    expect(status.stderr).toBe('');
    expect(JSON.parse(status.stdout)).toMatchObject({ name: 'hurt', state: 'finished', counts: { completed: 6 } });
  }, 90_000);

  it('without sweep.yaml either, resume refuses in one line that names what is missing and where the results are', async () => {
    folder.temp.file('sweep.yaml', SWEEP(2, 2, 2, 20));
    expect((await cli('run', 'sweep.yaml', '--headless', '--dir', 'out')).code).toBe(0);
    const dir = join(folder.temp.path, 'out');
    damage(dir);
    rmSync(join(dir, 'sweep.yaml'));
    const resumed = await cli('resume', dir, '--headless');
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toMatch(
      new RegExp(
        `^sweeptop: ${dir}: cannot resume: its sweep file is lost \\(sweep\\.json: [^;\n]*JSON[^;\n]*; sweep\\.yaml: no such file\\); ` +
          `every trial's results are still in ${dir}/trials/, and \`sweeptop export ${dir}\` reads them\n$`,
      ),
    );
    expect((await cli('export', dir)).stdout.split('\n')).toHaveLength(4);
  }, 60_000);
});
