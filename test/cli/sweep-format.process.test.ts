/**
 * The sweep directory's format version: a directory of the first format (fixtures/sweep-dirs/v1,
 * as sweeptop wrote it before sweeptop.json and sweep.yaml existed) is read by every command and
 * resumed; a newer one is refused in one line; a new one carries its version and its sweep file.
 */
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FORMAT_VERSION, OLDEST_FORMAT, UPGRADES } from '../../src/engine/state/format.js';
import { SWEEPTOP_VERSION } from '../../src/engine/version.js';
import { runCli } from '../helpers/cli.js';
import { TempDir, TRAINER } from '../helpers/sweep.js';

let temp: TempDir;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  temp = new TempDir();
  env = { XDG_STATE_HOME: join(temp.path, 'state'), XDG_RUNTIME_DIR: undefined };
});
afterEach(() => temp.remove());

const cli = (...args: string[]) => runCli(args, { cwd: temp.path, env });

/** fixtures/sweep-dirs/v1 at temp/out, its placeholders (@DIR@, @SWEEPTOP@) made real paths. */
function versionOneSweep(): string {
  const dir = join(temp.path, 'out');
  cpSync(resolve('fixtures/sweep-dirs/v1'), dir, { recursive: true });
  for (const file of filesUnder(dir)) {
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replaceAll('@DIR@', temp.path).replaceAll('@SWEEPTOP@', resolve('.')));
  }
  return dir;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('a version-1 sweep directory', () => {
  it('is read by status, best, export and replay as it was written, and resumed into the current format', async () => {
    const dir = versionOneSweep();
    const status = await cli('status', dir, '--json');
    expect(status.stderr).toBe('');
    const shown = JSON.parse(status.stdout);
    expect(shown).toMatchObject({ name: 'v1', state: 'finished', stopReason: 'all 3 trials done', counts: { completed: 3 } });
    expect(shown.best).toMatchObject({ id: 1, objective: 0.6803 });
    expect(shown.trials.map((t: { steps: number }) => t.steps)).toEqual([3, 3, 3]);
    const best = await cli('best', dir);
    expect(best.stdout).toMatch(/^best trial: 1 {2}val_loss 0\.6803 \(minimize\)\n/);
    expect((await cli('export', dir)).stdout.split('\n')[0]).toBe(
      'id,state,param.lr,objective,best,steps,exit_code,signal,duration_s,reason,spread,objective_source',
    );
    const replay = await cli('replay', dir, '--pruner', 'median', '--json');
    expect([replay.code, replay.stderr]).toEqual([0, '']);
    expect(JSON.parse(replay.stdout.trim().split('\n').at(-1)!).summary.steps_full).toBe(9);

    const resumed = await cli('resume', dir, '--headless', '--trials', '4');
    expect([resumed.code, resumed.stderr]).toEqual([0, '']);
    const after = JSON.parse((await cli('status', dir, '--json')).stdout);
    expect(after).toMatchObject({ state: 'finished', counts: { completed: 4 } });
    expect(after.trials.slice(0, 3)).toEqual(shown.trials);
    // the controller that took it over wrote the current format's files, and kept the sweep file as run
    const identity = JSON.parse(readFileSync(join(dir, 'sweeptop.json'), 'utf8'));
    expect(identity).toMatchObject({ format: FORMAT_VERSION, sweepFile: { file: 'sweep.yaml', path: join(temp.path, 'sweep.yaml') } });
    expect(readFileSync(join(dir, 'sweep.yaml'), 'utf8')).toBe(JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8')).configText);
  }, 60_000);

  it('with its sweep.json damaged, is listed from its trial folders, and resume says why it cannot go on', async () => {
    const dir = versionOneSweep();
    writeFileSync(join(dir, 'sweep.json'), '{"schema": 1, "name": "v1", "tri');
    const status = await cli('status', dir);
    expect(status.stdout).toMatch(/ \(stopped\) .*\n3 trials: 3 completed\nbest: trial 1, objective 0\.6803\n/);
    expect(status.stderr).toBe(
      `sweeptop: ${dir}/sweep.json cannot be read (Unterminated string in JSON at position 32); there is no readable ${dir}/sweep.yaml either: ` +
        `the trials come from ${dir}/trials/ alone, and their objective's name and goal are unknown\n`,
    );
    const resumed = await cli('resume', dir, '--headless');
    expect([resumed.code, resumed.stderr]).toEqual([
      2,
      `sweeptop: ${dir}: cannot resume: its sweep file is lost (sweep.json: Unterminated string in JSON at position 32; sweep.yaml: no such file); ` +
        `every trial's results are still in ${dir}/trials/, and \`sweeptop export ${dir}\` reads them\n`,
    ]);
  }, 30_000);
});

describe('a sweep directory of a newer format', () => {
  it('is refused by every command that reads it, in one line naming its version, the versions read here and what to do', async () => {
    const dir = versionOneSweep();
    writeFileSync(join(dir, 'sweeptop.json'), JSON.stringify({ format: 9, reproducibility: { sweeptopVersion: '3.0.0' } }));
    const refusal = `${dir}: sweep directory format version 9 (written by sweeptop 3.0.0); this sweeptop (${SWEEPTOP_VERSION}) reads versions 1–${FORMAT_VERSION}: use sweeptop 3.0.0 or newer on it\n`;
    for (const args of [
      ['status', dir],
      ['best', dir],
      ['export', dir],
      ['resume', dir, '--headless'],
      ['stop', dir],
    ]) {
      expect(await cli(...args), args[0]).toEqual({ code: 2, stdout: '', stderr: `sweeptop: ${refusal}` });
    }
    expect((await cli('replay', dir, '--pruner', 'median')).stderr).toBe(`sweeptop replay: ${refusal}`);
    // its version is in sweep.json too, where sweeptop.json is missing
    writeFileSync(join(dir, 'sweeptop.json'), 'not json');
    writeFileSync(join(dir, 'sweep.json'), JSON.stringify({ schema: 4, trials: [] }));
    expect((await cli('status', dir)).stderr).toBe(
      `sweeptop: ${dir}: sweep directory format version 4; this sweeptop (${SWEEPTOP_VERSION}) reads versions 1–${FORMAT_VERSION}: use a newer sweeptop on it\n`,
    );
  }, 30_000);
});

describe('a new sweep directory', () => {
  it('carries its format version and its sweep file, byte for byte, from the start', async () => {
    const text = `# the sweep file as written\nname: now\ncommand: node ${TRAINER} --lr {lr} --epochs 2 --epoch-ms 10\nparameters:\n  lr: [0.1, 0.2]\nsampler: grid\nmetric: val_loss\n`;
    temp.file('sweep.yaml', text);
    expect((await cli('run', 'sweep.yaml', '--headless', '--dir', 'out')).code).toBe(0);
    const dir = join(temp.path, 'out');
    expect(readFileSync(join(dir, 'sweep.yaml'), 'utf8')).toBe(text);
    const identity = JSON.parse(readFileSync(join(dir, 'sweeptop.json'), 'utf8'));
    expect(identity).toMatchObject({ format: FORMAT_VERSION, sweepFile: { file: 'sweep.yaml', path: join(temp.path, 'sweep.yaml') } });
    expect(identity.reproducibility.sweeptopVersion).toBe(SWEEPTOP_VERSION);
    expect(JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8')).schema).toBe(FORMAT_VERSION);
    expect(existsSync(join(dir, 'sweep.json.damaged'))).toBe(false);
  }, 30_000);

  it('every earlier version has its upgrade step', () => {
    for (let version = OLDEST_FORMAT; version < FORMAT_VERSION; version++)
      expect(UPGRADES[version], `version ${version}`).toBeTypeOf('function');
  });
});
