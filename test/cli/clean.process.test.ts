/**
 * `sweeptop clean` on real sweep directories: a finished sweep of the fake trainer whose trials
 * write a history file into {trial.dir} (a checkpoint, as far as clean can tell), copied per test;
 * and a live sweep whose last trial is still running.
 */
import {
  cpSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outputSchema } from '../../src/cli/output/json-output.js';
import { CLEAN_JSON } from '../../src/cli/output/shapes.js';
import { RECORD_FILES } from '../../src/engine/state/layout.js';
import { runCli } from '../helpers/cli.js';
import { lockPid, useSweepFolder } from '../helpers/sweep-folder.js';
import { TempDir, TRAINER, waitFor } from '../helpers/sweep.js';

type CleanJson = v.InferOutput<(typeof CLEAN_JSON.records)['clean']>;

const FINISHED = `name: finished
command: node ${TRAINER} --lr {lr} --layers {layers} --epochs 6 --epoch-ms 20 --format kv --write-csv {trial.dir}/history.csv
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
  layers: {type: int, low: 1, high: 6}
sampler: random
seed: 1
trials: 10
parallel: 2
metric: {name: val_loss, goal: minimize}
pruner: {type: median, n_startup_trials: 2, n_warmup_steps: 1}
`;

let temp: TempDir;
let recorded: string;
beforeAll(async () => {
  temp = new TempDir();
  temp.file('sweep.yaml', FINISHED);
  const run = await runCli(['run', '--headless', '--dir', 'recorded'], { cwd: temp.path });
  expect(run.code, run.stderr).toBe(0);
  recorded = join(temp.path, 'recorded');
}, 90_000);
afterAll(() => temp.remove());

function copyOf(name: string): string {
  const dir = join(temp.path, name);
  cpSync(recorded, dir, { recursive: true, verbatimSymlinks: true });
  return dir;
}

const trialDir = (dir: string, id: number) => join(dir, 'trials', String(id));

/** Every entry under `dir` (links not followed), by path, with its size and mtime: what a command could change. */
function listing(dir: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    const stats = lstatSync(path);
    found[relative(dir, path)] = stats.isDirectory() ? 'dir' : `${stats.size} ${stats.mtimeMs}`;
  }
  return found;
}

/** The bytes of the regular files under `dir` (links not followed), but clean's own cleaned.json. */
function fileBytes(dir: string): number {
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name !== 'cleaned.json') bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return bytes;
}

async function answers(dir: string): Promise<string[]> {
  const outputs = [];
  for (const args of [
    ['status', dir, '--json'],
    ['best', dir, '--json'],
    ['export', dir, '--format', 'json'],
    ['export', dir, '--format', 'csv'],
    ['replay', dir, '--pruner', 'median', '--json'],
  ]) {
    const { code, stdout, stderr } = await runCli(args);
    outputs.push(`${args[0]} ${code} ${stdout} ${stderr}`);
  }
  return outputs;
}

async function clean(...args: string[]): Promise<CleanJson> {
  const { code, stdout, stderr } = await runCli(['clean', ...args, '--json']);
  expect([code, stderr]).toEqual([0, '']);
  const result = JSON.parse(stdout) as CleanJson;
  expect(v.safeParse(outputSchema(CLEAN_JSON), result).success).toBe(true);
  return result;
}

describe('sweeptop clean', () => {
  it('keeps what status, best, export and replay read: they answer the same afterwards; the top trials are untouched', async () => {
    const dir = copyOf('same-answers');
    const before = await answers(dir);
    const status = JSON.parse((await runCli(['status', dir, '--json'])).stdout) as { best: { id: number }; counts: Record<string, number> };
    expect(status.counts.pruned, 'the fixture prunes some trials').toBeGreaterThan(0);
    const top = listing(trialDir(dir, status.best.id));

    const result = await clean(dir, '--keep-top', '1', '--pruned');
    expect(result.top).toEqual([status.best.id]);
    expect(result.trials.map((t) => t.id)).toEqual([...Array(10).keys()].filter((id) => id !== status.best.id));
    expect(await answers(dir)).toEqual(before);
    expect(listing(trialDir(dir, status.best.id))).toEqual(top);
    for (const { id } of result.trials) {
      // the records stay, the logs and what the script wrote go, and cleaned.json says so
      const left = readdirSync(trialDir(dir, id)).sort();
      expect(
        left.every((name) => RECORD_FILES.has(name)),
        left.join(' '),
      ).toBe(true);
      for (const name of ['params.json', 'result.json', 'metrics.jsonl', 'launch.json', 'exit_code']) expect(left).toContain(name);
      const cleaned = JSON.parse(readFileSync(join(trialDir(dir, id), 'cleaned.json'), 'utf8'));
      expect(cleaned.removed).toEqual(['history.csv', 'stderr.log', 'stdout.log']);
    }
  });

  it('--pruned takes the pruned trials only, and the freed bytes are those that left the disk (a hard-linked file frees none)', async () => {
    const dir = copyOf('freed');
    const pruned = (JSON.parse((await runCli(['export', dir, '--format', 'json'])).stdout) as Array<{ id: number; state: string }>)
      .filter((t) => t.state === 'pruned')
      .map((t) => t.id);
    const [first] = pruned;
    mkdirSync(join(trialDir(dir, first), 'checkpoints'));
    writeFileSync(join(trialDir(dir, first), 'checkpoints', 'epoch-1.pt'), Buffer.alloc(70_000, 1));
    // a second name outside the sweep: removing the trial's name frees nothing
    const outside = join(temp.path, 'kept-elsewhere.log');
    linkSync(join(trialDir(dir, first), 'stdout.log'), outside);
    const linkedBytes = statSync(outside).size;
    const bytesBefore = fileBytes(join(dir, 'trials'));

    const result = await clean(dir, '--pruned');
    expect(result.trials.map((t) => t.id)).toEqual(pruned);
    expect(result.trials.every((t) => t.reason === 'pruned')).toBe(true);
    expect(result.bytes).toBe(bytesBefore - fileBytes(join(dir, 'trials')) - linkedBytes);
    expect(result.bytes).toBe(result.trials.reduce((sum, t) => sum + t.bytes, 0));
    expect(result.trials[0].linked).toBe(1);
    expect(result.trials[0].removed).toContainEqual({ path: 'checkpoints/', bytes: 70_000, files: 1 });
    expect(readFileSync(outside).length).toBe(linkedBytes);
    // completed trials keep everything
    const completed = JSON.parse((await runCli(['status', dir, '--json'])).stdout).trials.filter(
      (t: { state: string }) => t.state === 'completed',
    );
    for (const { id } of completed) expect(existsSync(join(trialDir(dir, id), 'history.csv'))).toBe(true);
  });

  it('--dry-run removes nothing and says what a clean would free, to the byte', async () => {
    const dir = copyOf('dry-run');
    const before = listing(dir);
    const { code, stdout } = await runCli(['clean', dir, '--keep-top', '3', '--dry-run']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^trial \d+ \(pruned, outside the top 3\): would remove 3 files, /m);
    expect(stdout).toMatch(/nothing was removed \(--dry-run\)$/m);
    const dry = await clean(dir, '--keep-top', '3', '--dry-run');
    expect(listing(dir)).toEqual(before);
    expect(dry.dry_run).toBe(true);
    const real = await clean(dir, '--keep-top', '3');
    expect({ ...real, dry_run: true }).toEqual(dry);
    expect(real.bytes).toBeGreaterThan(0);
  });

  it('never follows a symbolic link out of the sweep: a link is removed as a link, a linked trial folder left alone', async () => {
    const dir = copyOf('links');
    const elsewhere = join(temp.path, 'elsewhere');
    mkdirSync(join(elsewhere, 'ckpt'), { recursive: true });
    writeFileSync(join(elsewhere, 'ckpt', 'model.pt'), 'weights');
    writeFileSync(join(elsewhere, 'data.bin'), 'data');
    const before = listing(elsewhere);
    const pruned = (JSON.parse((await runCli(['export', dir, '--format', 'json'])).stdout) as Array<{ id: number; state: string }>)
      .filter((t) => t.state === 'pruned')
      .map((t) => t.id);
    const [withLinks, linkedFolder] = pruned;
    symlinkSync(join(elsewhere, 'ckpt'), join(trialDir(dir, withLinks), 'ckpt'));
    symlinkSync(join(elsewhere, 'data.bin'), join(trialDir(dir, withLinks), 'data.bin'));
    // the trial's folder itself a link to a copy of it elsewhere
    const moved = join(elsewhere, `trial-${linkedFolder}`);
    cpSync(trialDir(dir, linkedFolder), moved, { recursive: true });
    const movedBefore = listing(moved);
    rmSync(trialDir(dir, linkedFolder), { recursive: true });
    symlinkSync(moved, trialDir(dir, linkedFolder));

    const result = await clean(dir, '--pruned');
    const cleaned = result.trials.find((t) => t.id === withLinks)!;
    expect(cleaned.removed).toContainEqual({ path: 'ckpt', bytes: 0, files: 1 });
    expect(cleaned.removed).toContainEqual({ path: 'data.bin', bytes: 0, files: 1 });
    expect(existsSync(join(trialDir(dir, withLinks), 'ckpt'))).toBe(false);
    expect(listing(elsewhere)).toEqual({ ...before, ...prefixed(`trial-${linkedFolder}`, movedBefore) });
    expect(result.left).toContainEqual({ id: linkedFolder, state: 'pruned', why: expect.stringMatching(/symbolic link/) });
  });
});

function prefixed(prefix: string, entries: Record<string, string>): Record<string, string> {
  return Object.fromEntries([[prefix, 'dir'], ...Object.entries(entries).map(([path, what]) => [join(prefix, path), what])]);
}

describe('sweeptop clean on a live sweep', () => {
  const folder = useSweepFolder();

  it("never touches a running trial's files; after a stop, the trials the stop killed keep theirs (resume runs them again)", async () => {
    // trials 0 and 1 end at once, trial 2 runs until stopped
    folder.temp.file(
      'sweep.yaml',
      `name: live
command: node ${TRAINER} --lr 0.01 --epochs 3 --epoch-ms {ms} --format kv --write-csv {trial.dir}/history.csv
parameters:
  ms: {type: choice, values: [10, 20, 60000]}
sampler: grid
trials: 3
parallel: 3
metric: {name: val_loss, goal: minimize}
`,
    );
    const started = await runCli(['run', 'sweep.yaml', '--detach', '--dir', 'out'], { cwd: folder.temp.path, env: folder.env });
    expect(started.code, started.stderr).toBe(0);
    const dir = join(folder.temp.path, 'out');
    expect(lockPid(dir)).toBeGreaterThan(0);
    const ended = (id: number) => existsSync(join(trialDir(dir, id), 'result.json'));
    await waitFor(() => ended(0) && ended(1) && existsSync(join(trialDir(dir, 2), 'history.csv')), 30_000, 'trials 0 and 1 to end');
    const running = listing(trialDir(dir, 2));

    const live = await clean(dir, '--keep-top', '1');
    expect(live.trials.map((t) => t.id)).toHaveLength(1);
    expect(live.left).toEqual([{ id: 2, state: 'running', why: 'not finished: never touched' }]);
    const now = listing(trialDir(dir, 2));
    for (const path of Object.keys(running)) expect(now[path], path).toBeDefined();
    expect(existsSync(join(trialDir(dir, 2), 'cleaned.json'))).toBe(false);

    const stopped = await runCli(['stop', dir], { env: folder.env });
    expect(stopped.code, stopped.stderr).toBe(0);
    const after = await clean(dir, '--keep-top', '1');
    expect(after.left).toEqual([{ id: 2, state: 'killed', why: 'stopped with the sweep: `sweeptop resume` runs it again' }]);
    expect(existsSync(join(trialDir(dir, 2), 'stdout.log'))).toBe(true);
  }, 60_000);
});
