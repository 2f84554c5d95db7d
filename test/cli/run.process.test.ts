import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/cli.js';
import { groupMembers, TempDir, TRAINER, waitFor } from '../helpers/sweep.js';

let temp: TempDir;
beforeEach(() => {
  temp = new TempDir();
});
afterEach(() => temp.remove());

const SWEEP = (extra = '', command = '--lr {lr} --layers {layers} --epochs 3 --epoch-ms 20') => `name: cli
command: node ${TRAINER} ${command}
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
  layers: {type: int, low: 1, high: 6}
metric: {name: val_loss, goal: minimize}
${extra.includes('trials:') ? '' : 'trials: 6\n'}${extra.includes('parallel:') ? '' : 'parallel: 3\n'}${extra}`;

const readSweepJson = (dir: string) => JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8'));

/** Waits (up to 15 s) until sweep.json gives each of three running trials a pid; returns them. */
async function pidsOfThreeTrials(dir: string): Promise<number[]> {
  await waitFor(
    () => {
      try {
        return readSweepJson(dir).trials.filter((t: { pid: number | null }) => t.pid).length === 3;
      } catch {
        return false; // not written yet
      }
    },
    15_000,
    'three trials with a pid',
  );
  return readSweepJson(dir).trials.map((t: { pid: number }) => t.pid);
}

describe('sweeptop run', () => {
  it('runs headless to the end: one line per event, a table of the best, exit 0', async () => {
    temp.file('sweep.yaml', SWEEP());
    const { code, stdout, stderr } = await runCli(['run', '--dir', 'out'], { cwd: temp.path });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.match(/trial \d+ started {2}lr=/g)).toHaveLength(6);
    expect(stdout.match(/trial \d+ completed {2}val_loss=/g)).toHaveLength(6);
    expect(stdout).toMatch(/finished: all 6 trials done/);
    expect(stdout).toMatch(/best 5 of 6 trials by val_loss \(minimize\):\nid +state/);
    expect(existsSync(join(temp.path, 'out', 'sweep.json'))).toBe(true);
    const again = await runCli(['run', '--dir', 'out'], { cwd: temp.path });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/out already exists; `sweeptop resume .*out` continues a sweep/);
  });

  it('exits 3 when its trials kept failing (a crash loop), so a script does not take it for a sweep that ran', async () => {
    temp.file('sweep.yaml', SWEEP('trials: 20\nparallel: 2\n', '--lr {lr} --epochs 3 --crash-at 0'));
    const { code, stdout } = await runCli(['run', '--dir', 'out'], { cwd: temp.path });
    // each failure says what went wrong: the last line of its stderr
    expect(stdout).toMatch(/trial 0 failed .*exit code 1: RuntimeError: CUDA error/);
    // the first trial's stderr, whichever of the parallel trials failed first
    expect(stdout).toMatch(/crash loop: the first 3 trials failed within 60 s; see \S*\/out\/trials\/0\/stderr\.log/);
    expect(code).toBe(3);
  });

  it('refuses a bad sweep file with one line and exit 2, creating nothing', async () => {
    temp.file('sweep.yaml', SWEEP('paralel: 3'));
    const { code, stdout, stderr } = await runCli(['run', 'sweep.yaml'], { cwd: temp.path });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe("sweeptop: sweep.yaml:9:1: paralel: unknown field 'paralel'; did you mean 'parallel'?\n");
    expect(existsSync(join(temp.path, 'sweeps'))).toBe(false);
    const missing = await runCli(['run', 'nope.yaml'], { cwd: temp.path });
    expect([missing.code, missing.stderr]).toEqual([
      2,
      `sweeptop: nope.yaml: no such file; the YAML files in ${temp.path}: sweep.yaml; \`sweeptop run FILE\` runs one\n`,
    ]);
    const plugin = await runCli(['run', temp.file('p.yaml', SWEEP('sampler: tpee'))]);
    expect(plugin.stderr).toMatch(/p\.yaml:9:10: sampler: unknown sampler "tpee"; valid: .*tpe/);
  });

  it('--dry-run prints the exact argv and environment and launches nothing', async () => {
    temp.file('sweep.yaml', SWEEP('', "--lr {lr} --name 'my run' --layers={layers}"));
    const { code, stdout } = await runCli(['run', '--dry-run'], { cwd: temp.path, env: { PYTHONUNBUFFERED: undefined } });
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /trial 0:\n {2}node \S+train\.mjs --lr [\d.e-]+ --name 'my run' --layers=\d\n {2}PYTHONUNBUFFERED=1\n {2}SWEEPTOP_PARAM_LR=/,
    );
    expect(stdout.match(/^trial \d+:$/gm)).toHaveLength(5);
    expect(stdout).toMatch(/… and 1 more; nothing was launched/);
    expect(existsSync(join(temp.path, 'sweeps'))).toBe(false);
    // what the real run would refuse, the dry run refuses too
    mkdirSync(join(temp.path, 'out'));
    const taken = await runCli(['run', '--dry-run', '--dir', 'out'], { cwd: temp.path });
    expect([taken.code, taken.stdout]).toEqual([2, '']);
    expect(taken.stderr).toMatch(/out already exists/);
  });

  it('says once that a user plugin replaces a built-in one', async () => {
    temp.file('kv.mjs', "export default { name: 'kv', kind: 'parser', create: () => ({ parse: () => null }) };\n");
    temp.file('sweep.yaml', SWEEP('plugins: [./kv.mjs]\n'));
    const { code, stderr } = await runCli(['run', '--dry-run'], { cwd: temp.path });
    expect(code).toBe(0);
    expect(stderr).toBe(`sweeptop: note: ${join(temp.path, 'kv.mjs')} replaces the built-in parser "kv"\n`);
  });

  it('first Ctrl-C stops launching and SIGTERMs trials; everything is recorded', async () => {
    temp.file('sweep.yaml', SWEEP('grace: 5s', '--lr {lr} --layers {layers} --epochs 1000 --epoch-ms 100'));
    const cli = startCli(['run', '--dir', 'out'], { cwd: temp.path });
    await waitFor(() => (cli.stdout().match(/started/g) ?? []).length === 3, 15_000, 'three trials started');
    await waitFor(() => existsSync(join(temp.path, 'out', 'trials', '2', 'metrics.jsonl')));
    const pids = await pidsOfThreeTrials(join(temp.path, 'out'));
    cli.child.kill('SIGINT');
    const { code, stdout, stderr } = await cli.result;
    expect(code).toBe(130);
    expect(stderr).toMatch(/stopping \(SIGINT\): waiting for running trials to exit/);
    expect(stdout.match(/trial \d+ killed .*the sweep was stopped/g)).toHaveLength(3);
    for (const pid of pids) expect(groupMembers(pid)).toEqual([]);
    const status = await runCli(['status', 'out', '--json'], { cwd: temp.path });
    const parsed = JSON.parse(status.stdout);
    expect(parsed.state).toBe('finished');
    expect(parsed.counts).toEqual({ killed: 3 });
  });

  it('SIGTERM (a cancelled CI job) stops cleanly: trials killed by the sweep, not failed, nothing left, exit 143', async () => {
    temp.file('sweep.yaml', SWEEP('grace: 5s', '--lr {lr} --layers {layers} --epochs 1000 --epoch-ms 100'));
    const cli = startCli(['run', '--dir', 'out'], { cwd: temp.path });
    const pids = await pidsOfThreeTrials(join(temp.path, 'out'));
    cli.child.kill('SIGTERM');
    const { code } = await cli.result;
    expect(code).toBe(143);
    for (const pid of pids) expect(groupMembers(pid)).toEqual([]);
    const trials = readSweepJson(join(temp.path, 'out')).trials as { state: string; stoppedBy?: string; reason: string }[];
    expect(trials.map((t) => [t.state, t.stoppedBy, t.reason])).toEqual(
      Array(3).fill(['killed', 'sweep', 'the sweep was stopped by SIGTERM']),
    );
    for (const file of ['controller.lock', 'control.sock']) expect(existsSync(join(temp.path, 'out', file))).toBe(false);
  });

  it('a second Ctrl-C kills trials that ignore SIGTERM at once', async () => {
    temp.file('sweep.yaml', SWEEP('grace: 60s', '--lr {lr} --epochs 1000 --epoch-ms 100 --ignore-sigterm'));
    const cli = startCli(['run', '--dir', 'out'], { cwd: temp.path });
    await waitFor(() => (cli.stdout().match(/started/g) ?? []).length === 3, 15_000);
    await new Promise((r) => setTimeout(r, 500));
    cli.child.kill('SIGINT');
    await waitFor(() => cli.stderr().includes('stopping ('));
    await new Promise((r) => setTimeout(r, 300));
    const before = Date.now();
    cli.child.kill('SIGINT');
    const { code, stderr } = await cli.result;
    expect(Date.now() - before).toBeLessThan(10_000);
    expect(code).toBe(130);
    expect(stderr).toMatch(/stopping now \(SIGKILL\)/);
  });

  it('killed with SIGKILL mid-sweep, it leaves a directory whose status and export show every finished trial', async () => {
    temp.file('sweep.yaml', SWEEP('trials: 40\nparallel: 2', '--lr {lr} --layers {layers} --epochs 2 --epoch-ms 100'));
    const cli = startCli(['run', '--dir', 'out'], { cwd: temp.path });
    await waitFor(() => (cli.stdout().match(/completed/g) ?? []).length >= 5, 30_000, 'five trials completed');
    cli.child.kill('SIGKILL');
    await cli.result;
    const printed = new Set([...cli.stdout().matchAll(/trial (\d+) completed/g)].map((m) => Number(m[1])));
    // orphaned trials run to their end and write exit_code; status reads them from the folders
    await new Promise((r) => setTimeout(r, 1500));
    const status = JSON.parse((await runCli(['status', 'out', '--json'], { cwd: temp.path })).stdout);
    expect(status.state).toBe('stopped');
    const completed = new Set(status.trials.filter((t: { state: string }) => t.state === 'completed').map((t: { id: number }) => t.id));
    for (const id of printed) expect(completed.has(id)).toBe(true);
    // a trial caught between "launching" and its spawn never ran: lost is the truth for it
    for (const trial of status.trials) expect(['completed', 'running', 'lost']).toContain(trial.state);
    const csv = (await runCli(['export', 'out', '--format', 'csv'], { cwd: temp.path })).stdout.trim().split('\n');
    expect(csv.length - 1).toBe(status.trials.length);
  });

  it('exports CSV and JSON that round-trip to the same rows as status --json', async () => {
    temp.file('sweep.yaml', SWEEP('trials: 4\nparallel: 4', '--lr {lr} --layers {layers} --epochs 2 --epoch-ms 10 --nan-at {layers}'));
    expect((await runCli(['run', '--dir', 'out'], { cwd: temp.path })).code).toBe(0);
    const rows = JSON.parse((await runCli(['export', 'out', '--format', 'json'], { cwd: temp.path })).stdout);
    const status = JSON.parse((await runCli(['status', 'out', '--json'], { cwd: temp.path })).stdout);
    // export's rows are status's, each with the format version an array's elements carry
    expect(rows).toEqual(status.trials.map((row: object) => ({ format: 1, ...row })));
    expect(Object.keys(rows[0])).toEqual([
      'format',
      'id',
      'state',
      'params',
      'objective',
      'best',
      'steps',
      'spread',
      'objective_source',
      'echoed',
      'exit_code',
      'signal',
      'duration_s',
      'reason',
      'silent_since',
      'eta_s',
      'contexts',
    ]);
    const out = join(temp.path, 'rows.csv');
    expect((await runCli(['export', 'out', '-o', out], { cwd: temp.path })).code).toBe(0);
    const [header, ...lines] = readFileSync(out, 'utf8').trim().split('\n');
    expect(header).toBe('id,state,param.lr,param.layers,objective,best,steps,exit_code,signal,duration_s,reason,spread,objective_source');
    expect(lines).toHaveLength(4);
    for (const [i, line] of lines.entries()) {
      const cells = line.split(',');
      const row = rows[i];
      expect(Number(cells[0])).toBe(row.id);
      expect(Number(cells[2])).toBe(row.params.lr);
      expect(Number(cells[3])).toBe(row.params.layers);
      expect(cells[4]).toBe(String(row.objective ?? ''));
      expect(Number(cells[6])).toBe(row.steps);
    }
    // a trial that went NaN carries "nan" in JSON and in CSV
    const nan = rows.find((r: { params: { layers: number } }) => r.params.layers <= 1);
    if (nan) expect(nan.objective).toBe('nan');
  });

  it('prints the winner and a command that re-runs it', async () => {
    temp.file('sweep.yaml', SWEEP('trials: 3', "--lr {lr} --layers {layers} --epochs 2 --epoch-ms 10 --tag 'a b'"));
    await runCli(['run', '--dir', 'out'], { cwd: temp.path });
    const best = JSON.parse((await runCli(['best', 'out', '--json'], { cwd: temp.path })).stdout);
    const status = JSON.parse((await runCli(['status', 'out', '--json'], { cwd: temp.path })).stdout);
    expect(best.id).toBe(status.best.id);
    expect(best.command).toContain("--tag 'a b'");
    expect(best.env).toEqual({ SWEEPTOP_PARAM_LR: String(best.params.lr), SWEEPTOP_PARAM_LAYERS: String(best.params.layers) });
    expect(best.metrics.val_loss).toBe(best.objective);
    const text = (await runCli(['best', 'out'], { cwd: temp.path })).stdout;
    expect(text).toContain(`best trial: ${best.id}`);
  });

  it('answers --version, and refuses an unknown command with a suggestion', async () => {
    const version = await runCli(['--version']);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
    const wrong = await runCli(['stauts']);
    expect([wrong.code, wrong.stderr]).toEqual([2, 'sweeptop: unknown command "stauts"; did you mean \'status\'?\n']);
  });
});
