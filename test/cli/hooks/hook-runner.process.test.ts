/**
 * The sweep file's hooks on real sweeps: each event once with the right JSON, on_new_best only on
 * strict improvements, hostile values literal with and without a shell, on_sweep_end after
 * `sweeptop stop`, on_stall, and a hanging hook killed at its timeout without slowing the sweep.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { outputSchema } from '../../../src/cli/output/json-output.js';
import { HOOK_EVENT_JSON } from '../../../src/cli/output/hook-event-shape.js';
import { STATUS_JSON } from '../../../src/cli/output/shapes.js';
import { runCli } from '../../helpers/cli.js';
import { detachedSweepsPerTest } from '../../helpers/detached-sweeps.js';
import { tempDirPerTest } from '../../helpers/sweep.js';

const FIXTURES = resolve('fixtures');
const HOOK_LOG = join(FIXTURES, 'hook-log.mjs');
const TRAINER = join(FIXTURES, 'train.mjs');
const HOSTILE = '; rm -rf ~ $(touch pwned) `touch pwned` \'single\' "double"\nsecond line';

interface Logged {
  args: string[];
  env: Record<string, string>;
  pid: number;
  event: v.InferOutput<(typeof HOOK_EVENT_JSON)['records']['event']>;
}

function logged(dir: string): Logged[] {
  const file = join(dir, 'hooks.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Logged);
}

/** Per event, the trial ids it fired for, in id order. */
function idsByEvent(lines: Logged[]): Record<string, Array<number | null>> {
  const ids: Record<string, Array<number | null>> = {};
  for (const { event } of lines) (ids[event.event] ??= []).push(event.trial?.id ?? null);
  for (const list of Object.values(ids)) list.sort((a, b) => (a ?? -1) - (b ?? -1));
  return ids;
}

/** The sweep's own time: first trial start to last trial end, from sweep.json. */
function sweepSpanMs(dir: string): number {
  const { trials } = JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8')) as { trials: Array<{ startedAt: number; endedAt: number }> };
  return Math.max(...trials.map((t) => t.endedAt)) - Math.min(...trials.map((t) => t.startedAt));
}

describe('hooks on the fixture sweep (fixtures/sweeps/hooks.yaml)', () => {
  const temp = tempDirPerTest();

  it('fire each event exactly once per occasion, with the event as declared on stdin', async () => {
    const dir = join(temp.path, 'run');
    const { code, stderr } = await runCli(['run', join(FIXTURES, 'sweeps', 'hooks.yaml'), '--headless', '--dir', dir]);
    expect([code, stderr]).toEqual([0, '']);
    const lines = logged(dir);
    for (const { event } of lines) {
      const checked = v.safeParse(outputSchema(HOOK_EVENT_JSON), event);
      expect(checked.success, checked.issues && v.summarize(checked.issues)).toBe(true);
    }
    // grid order, lr slowest: 0.03 twice, 0.003 twice (better; the second of each a tie), 0.9 pruned, -1 failed
    expect(idsByEvent(lines)).toEqual({
      on_trial_start: [0, 1, 2, 3, 4, 5, 6, 7],
      on_trial_end: [0, 1, 2, 3, 4, 5, 6, 7],
      on_new_best: [0, 2],
      on_pruned: [4, 5],
      on_failure: [6, 7],
      on_sweep_end: [2],
    });
    const end = lines.find((l) => l.event.event === 'on_sweep_end')!;
    expect(end.event).toMatchObject({ reason: 'all 8 trials done', sweep: { phase: 'finished', best_trial_id: 2 }, state: 'completed' });
    expect(end.args).toEqual(['on_sweep_end', '2', 'all 8 trials done']);
    const states = Object.fromEntries(lines.filter((l) => l.event.event === 'on_trial_end').map((l) => [l.event.trial!.id, l.args[2]]));
    expect(states).toEqual({
      0: 'completed',
      1: 'completed',
      2: 'completed',
      3: 'completed',
      4: 'pruned',
      5: 'pruned',
      6: 'failed',
      7: 'failed',
    });
    const best = lines.filter((l) => l.event.event === 'on_new_best').map((l) => l.env);
    expect(best.map((env) => [env.SWEEPTOP_EVENT, env.SWEEPTOP_TRIAL_ID, env.SWEEPTOP_OBJECTIVE])).toEqual([
      ['on_new_best', '0', '0.5837'],
      ['on_new_best', '2', '0.5047'],
    ]);
    expect(best[0].SWEEPTOP_SWEEP_DIR).toBe(dir);
  }, 90_000);

  it('keep hostile values literal: one argv item each, with and without a shell, and nothing run', async () => {
    const dir = join(temp.path, 'run');
    await runCli(['run', join(FIXTURES, 'sweeps', 'hooks.yaml'), '--headless', '--dir', dir], { cwd: temp.path });
    const hostile = logged(dir).filter((l) => l.event.trial?.params.note === HOSTILE);
    // trials 1, 3, 5, 7 start and end; 7 fails (shell: true); no hostile trial is a new best or pruned alone
    expect(hostile.filter((l) => l.event.event === 'on_trial_start').map((l) => l.args)).toEqual(
      [1, 3, 5, 7].map((id) => ['on_trial_start', String(id), HOSTILE]),
    );
    const failure = hostile.find((l) => l.event.event === 'on_failure' && l.event.trial?.id === 7)!;
    expect(failure.args).toEqual(['on_failure', '7', 'exit code 2', HOSTILE]);
    expect(failure.env.SWEEPTOP_PARAM_NOTE).toBe(HOSTILE);
    for (const folder of [temp.path, FIXTURES, dir]) expect(existsSync(join(folder, 'pwned')), folder).toBe(false);
  }, 90_000);
});

describe('hooks and the sweep', () => {
  const temp = tempDirPerTest();
  const sweepFile = (hooks: string, trials = 3) => `name: timing
command: node ${TRAINER} --lr {lr} --epochs 4 --epoch-ms 250
parameters:
  lr: {type: loguniform, low: 1.0e-3, high: 1.0e-1}
trials: ${trials}
parallel: 1
metric: val_loss
${hooks}`;

  it('a hanging hook is killed with its group at its timeout, logged once, and does not slow the sweep', async () => {
    temp.file('plain.yaml', sweepFile(''));
    // each on_trial_start hangs (a child of its own too) until its 1 s timeout kills the group
    temp.file(
      'hanging.yaml',
      sweepFile(`hooks:
  on_trial_start: {command: 'sleep 30 & node ${HOOK_LOG} {sweep.dir}/hooks.jsonl {trial.id} $! --hang', shell: true, timeout: 1s}
`),
    );
    const plain = await runCli(['run', 'plain.yaml', '--headless', '--dir', 'plain'], { cwd: temp.path });
    const hanging = await runCli(['run', 'hanging.yaml', '--headless', '--dir', 'hanging'], { cwd: temp.path });
    expect([plain.code, hanging.code]).toEqual([0, 0]);
    const dir = join(temp.path, 'hanging');
    const lines = logged(dir);
    expect(lines.map((l) => l.args[0])).toEqual(['0', '1', '2']);
    // the hook and the sleep it left in its group: both gone (a zombie awaiting its reaper is gone too)
    const alive = (pid: number) => {
      try {
        return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
      } catch {
        return false;
      }
    };
    const pids = lines.flatMap((l) => [l.pid, Number(l.args[1])]);
    expect(pids).toHaveLength(6);
    expect(pids.filter(alive)).toEqual([]);
    const failures = hanging.stdout.split('\n').filter((line) => line.includes('hook on_trial_start failed'));
    expect(failures).toHaveLength(3);
    expect(failures[0]).toContain('timed out after 1s; its process group was killed');
    const status = JSON.parse((await runCli(['status', dir, '--json'])).stdout);
    expect(v.is(outputSchema(STATUS_JSON), status)).toBe(true);
    expect(status.last_hook_failure).toMatchObject({ event: 'on_trial_start', timed_out: true, exit_code: null });
    // the sweep's own time (first start to last end), against the same sweep without hooks run just before
    const ratio = sweepSpanMs(dir) / sweepSpanMs(join(temp.path, 'plain'));
    expect(ratio, `with a hanging hook / without: ${ratio.toFixed(2)}`).toBeLessThan(1.5);
  }, 120_000);

  it('a failing hook is kept as the last failure, with its stderr, in status', async () => {
    temp.file(
      'failing.yaml',
      sweepFile(
        `hooks:
  on_trial_end: node ${HOOK_LOG} {sweep.dir}/hooks.jsonl {trial.id} --exit 3
`,
        1,
      ),
    );
    const run = await runCli(['run', 'failing.yaml', '--headless', '--dir', 'out'], { cwd: temp.path });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('error: hook on_trial_end failed: exit code 3; stderr: hook-log: exiting 3 as asked');
    const text = await runCli(['status', join(temp.path, 'out')]);
    expect(text.stdout).toContain('last hook on_trial_end failed: exit code 3; stderr: hook-log: exiting 3 as asked');
  }, 60_000);

  it('on_stall fires once per silence; a stall_timeout stop is then a failure', async () => {
    temp.file(
      'stall.yaml',
      `name: stall
command: node ${TRAINER} --lr {lr} --epochs 2 --epoch-ms 50 --hang
parameters:
  lr: {type: loguniform, low: 1.0e-3, high: 1.0e-1}
trials: 1
metric: val_loss
stall_timeout: 3s
hooks:
  on_stall: node ${HOOK_LOG} {sweep.dir}/hooks.jsonl {trial.id} {reason}
  on_failure: node ${HOOK_LOG} {sweep.dir}/hooks.jsonl {trial.id} {reason}
`,
    );
    const run = await runCli(['run', 'stall.yaml', '--headless', '--dir', 'out'], {
      cwd: temp.path,
      env: { SWEEPTOP_SILENCE_FLOOR_MS: '400' },
    });
    expect(run.code).toBe(0);
    const lines = logged(join(temp.path, 'out'));
    const stalls = lines.filter((l) => l.event.event === 'on_stall');
    // a slow start on a loaded machine is a silence of its own (flagged, then cleared by output): one hook per silence
    expect(stalls.length).toBeGreaterThanOrEqual(1);
    expect(new Set(stalls.map((l) => l.event.silent_since)).size).toBe(stalls.length);
    expect(idsByEvent(lines).on_failure).toEqual([0]);
    const stall = stalls.at(-1)!;
    expect(stall.event).toMatchObject({ run: null, state: 'running', trial: { id: 0 } });
    expect(stall.args[1]).toMatch(/^printed nothing for /);
    expect(lines.find((l) => l.event.event === 'on_failure')!.args[1]).toMatch(/^stalled: no output for/);
  }, 60_000);
});

describe('on_sweep_end after sweeptop stop', () => {
  const detached = detachedSweepsPerTest();

  it('runs before the controller exits, with the stop reason', async () => {
    const { dir } = await detached.startDetached(`name: stopped
command: node ${TRAINER} --lr {lr} --epochs 200 --epoch-ms 200
parameters:
  lr: {type: loguniform, low: 1.0e-3, high: 1.0e-1}
trials: 5
metric: val_loss
hooks:
  on_trial_start: node ${HOOK_LOG} {sweep.dir}/hooks.jsonl {trial.id}
  on_sweep_end: node ${HOOK_LOG} {sweep.dir}/hooks.jsonl {reason}
`);
    for (let i = 0; i < 100 && logged(dir).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    const stop = await runCli(['stop', dir], { env: detached.env });
    expect(stop.code).toBe(0);
    const lines = logged(dir);
    expect(idsByEvent(lines)).toEqual({ on_trial_start: [0], on_sweep_end: [null] });
    const end = lines.find((l) => l.event.event === 'on_sweep_end')!;
    expect(end.event.sweep.phase).toBe('finished');
    expect(end.args[0]).toMatch(/stop/);
  }, 60_000);
});
