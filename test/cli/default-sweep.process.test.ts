/**
 * The commands given no DIR take a sweep of the current folder — the one a person who typed
 * `sweeptop run` there means — and `run` without a sweep.yaml names the YAML files it sees.
 * The real CLI, real sweeps, a registry of the test's own.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { TempDir, TRAINER, waitFor } from '../helpers/sweep.js';

let temp: TempDir;
let env: NodeJS.ProcessEnv;
const detachedDirs: string[] = [];

beforeEach(() => {
  temp = new TempDir();
  env = { XDG_STATE_HOME: join(temp.path, 'state'), XDG_RUNTIME_DIR: undefined };
});
afterEach(async () => {
  for (const dir of detachedDirs.splice(0)) await runCli(['stop', dir, '--now'], { env });
  temp.remove();
});

/** A project folder with a sweep file whose trials take `epochs` × `epochMs` (a live one must outlast a busy machine's test). */
function project(name: string, { trials = 2, epochs = 3, epochMs = 20 } = {}): string {
  const folder = join(temp.path, name);
  mkdirSync(folder);
  temp.file(
    `${name}/sweep.yaml`,
    `name: ${name}
command: node ${TRAINER} --lr {lr} --epochs ${epochs} --epoch-ms ${epochMs}
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
trials: ${trials}
parallel: 2
grace: 1s
metric: {name: val_loss, goal: minimize}
`,
  );
  return folder;
}

/** `sweeptop run --headless --dir OUT` typed in `folder`, to its end. */
async function runToEnd(folder: string, out: string): Promise<string> {
  const { code, stderr } = await runCli(['run', '--headless', '--dir', out], { cwd: folder, env });
  expect([code, stderr]).toEqual([0, '']);
  return join(folder, out);
}

async function detach(folder: string, out: string): Promise<string> {
  const { code, stdout, stderr } = await runCli(['run', '--detach', '--dir', out], { cwd: folder, env });
  expect([code, stderr]).toEqual([0, '']);
  detachedDirs.push(stdout.trim());
  return stdout.trim();
}

const isLive = (dir: string) => existsSync(join(dir, 'controller.lock'));

describe('commands without a sweep directory', () => {
  it('status, best, export and ctl take the newest sweep started from the current folder, and name it when there were several', async () => {
    const a = project('a');
    const b = project('b');
    const older = await runToEnd(a, 'first');
    const newer = await runToEnd(a, 'second');
    const other = await runToEnd(b, 'elsewhere'); // the newest of all, but not a's
    const named = `sweeptop: ${newer} (the newest of 2 sweeps started from this folder; \`sweeptop ls\` lists them)\n`;

    const status = await runCli(['status'], { cwd: a, env });
    expect([status.code, status.stderr]).toEqual([0, named]);
    expect(status.stdout.split('\n')[0]).toBe(`a  (finished: all 2 trials done)  ${newer}`);
    const best = await runCli(['best', '--json'], { cwd: a, env });
    expect([best.code, best.stderr]).toEqual([0, named]);
    expect(JSON.parse(best.stdout).cwd).toBe(a);
    const exported = await runCli(['export', '--format', 'json'], { cwd: a, env });
    expect([exported.code, exported.stderr]).toEqual([0, named]);
    const expected = JSON.parse((await runCli(['export', newer, '--format', 'json'], { env })).stdout);
    expect(JSON.parse(exported.stdout)).toEqual(expected);
    expect(JSON.parse(exported.stdout)).not.toEqual(JSON.parse((await runCli(['export', older, '--format', 'json'], { env })).stdout));

    // one sweep from b: nothing to say about a choice
    const fromB = await runCli(['status', '--json'], { cwd: b, env });
    expect([fromB.code, fromB.stderr, JSON.parse(fromB.stdout).dir]).toEqual([0, '', other]);

    // a finished sweep has no controller to command: say so, and how to go on
    const ctl = await runCli(['ctl', 'pause', '0'], { cwd: b, env });
    expect([ctl.code, ctl.stderr]).toEqual([
      1,
      `sweeptop: ${other}: the sweep has finished (all 2 trials done); \`sweeptop resume ${other}\` continues it (\`--trials N\` for a larger budget)\n`,
    ]);

    // the folder above a and b started nothing itself
    const none = await runCli(['status'], { cwd: temp.path, env });
    expect([none.code, none.stdout, none.stderr]).toEqual([
      2,
      '',
      `sweeptop: no sweep was started from ${temp.path}; give its directory (\`sweeptop ls\` lists your sweeps)\n`,
    ]);
    // a registry line from before the starting folder was recorded: a sweep inside the folder counts
    appendFileSync(
      join(temp.path, 'state', 'sweeptop', 'sweeps.jsonl'),
      JSON.stringify({ dir: older, name: 'a', createdAt: Date.now() }) + '\n',
    );
    const legacy = await runCli(['status', '--json'], { cwd: temp.path, env });
    expect([legacy.code, legacy.stderr, JSON.parse(legacy.stdout).dir]).toEqual([0, '', older]);
  }, 60_000);

  it('ctl without DIR commands the live sweep of the current folder', async () => {
    const a = project('a', { trials: 1, epochs: 3000, epochMs: 100 });
    const dir = await detach(a, 'live');
    await waitFor(() => existsSync(join(dir, 'trials', '0', 'stdout.log')), 10_000, 'trial 0 started');
    const added = await runCli(['ctl', 'add', '--param', 'lr=0.01'], { cwd: a, env });
    expect([added.code, added.stdout, added.stderr]).toEqual([0, 'added trial 1\n', '']);
    const doc = () => JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8'));
    await waitFor(() => doc().trials.some((t: { id: number }) => t.id === 1), 5000, 'trial 1 recorded');
    // a folder that started no sweep has none to command
    const elsewhere = await runCli(['ctl', 'pause', '0'], { cwd: temp.path, env });
    expect(elsewhere.stderr).toMatch(/^sweeptop: no sweep was started from /);
  }, 60_000);

  it('stop without DIR stops the one live sweep of the current folder, and refuses to guess among several', async () => {
    const a = project('a', { trials: 2, epochs: 3000, epochMs: 100 });
    const b = project('b', { trials: 2, epochs: 3000, epochMs: 100 });
    const fromB = await detach(b, 'b-live');

    const nothing = await runCli(['stop'], { cwd: a, env });
    expect([nothing.code, nothing.stderr]).toEqual([
      2,
      `sweeptop: no live sweep was started from ${a}; \`sweeptop stop DIR\` names one (\`sweeptop ls\` lists your sweeps)\n`,
    ]);
    expect(isLive(fromB)).toBe(true);

    const first = await detach(a, 'one');
    const second = await detach(a, 'two');
    const several = await runCli(['stop'], { cwd: a, env });
    expect([several.code, several.stderr]).toEqual([
      2,
      `sweeptop: 2 live sweeps were started from ${a}: ${second}, ${first}; \`sweeptop stop DIR\` names the one to stop\n`,
    ]);
    expect([isLive(first), isLive(second), isLive(fromB)]).toEqual([true, true, true]);

    expect((await runCli(['stop', second], { env })).code).toBe(0);
    // the finished one is not live: the other is now the only one
    const stopped = await runCli(['stop'], { cwd: a, env });
    expect([stopped.code, stopped.stdout, stopped.stderr]).toEqual([0, `stopped ${first}\n`, '']);
    expect([isLive(first), isLive(fromB)]).toEqual([false, true]);
  }, 90_000);
});

describe('sweeptop run without a sweep.yaml', () => {
  it('names the YAML files of the folder', async () => {
    const folder = join(temp.path, 'project');
    mkdirSync(folder);
    temp.file('project/cifar.yaml', 'name: x\n');
    temp.file('project/mnist.yml', 'name: y\n');
    temp.file('project/notes.txt', '');
    const { code, stdout, stderr } = await runCli(['run'], { cwd: folder, env });
    expect([code, stdout, stderr]).toEqual([
      2,
      '',
      `sweeptop: sweep.yaml: no such file; the YAML files in ${folder}: cifar.yaml, mnist.yml; \`sweeptop run FILE\` runs one\n`,
    ]);
    const empty = join(temp.path, 'empty');
    mkdirSync(empty);
    const none = await runCli(['run'], { cwd: empty, env });
    expect([none.code, none.stderr]).toEqual([
      2,
      `sweeptop: sweep.yaml: no such file; ${empty} has no YAML file; the README's "Your first sweep" shows a sweep.yaml\n`,
    ]);
    expect(existsSync(join(empty, 'sweeps'))).toBe(false);
  });
});
