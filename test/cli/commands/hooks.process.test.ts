/** `sweeptop hooks test FILE EVENT`: one hook fired with a sample event, nothing launched. */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { outputSchema } from '../../../src/cli/output/json-output.js';
import { HOOK_EVENT_JSON } from '../../../src/cli/output/hook-event-shape.js';
import { runCli } from '../../helpers/cli.js';
import { tempDirPerTest } from '../../helpers/sweep.js';

const HOOK_LOG = resolve('fixtures/hook-log.mjs');

describe('sweeptop hooks test', () => {
  const temp = tempDirPerTest();
  const sweep = (hooks: string) => `name: tried
command: python train.py --lr {lr}
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
  opt: {type: choice, values: [adam, sgd]}
trials: 5
metric: val_loss
hooks:
${hooks}`;

  it('fires the hook once with a sample event, prints its exit status and output, and launches nothing', async () => {
    const log = join(temp.path, 'log.jsonl');
    temp.file('sweep.yaml', sweep(`  on_sweep_end: [node, ${HOOK_LOG}, ${log}, "{event}", "{trial.id}", "{opt}", "{reason}"]`));
    const { code, stdout, stderr } = await runCli(['hooks', 'test', 'sweep.yaml', 'on_sweep_end'], { cwd: temp.path });
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout.split('\n')[0]).toBe(`on_sweep_end: node ${HOOK_LOG} ${log} on_sweep_end 0 adam 'all 5 trials done'`);
    expect(stdout.split('\n')[1]).toMatch(/^exit status 0 \(\d+(ms|s)\)$/);
    const [line, ...more] = readFileSync(log, 'utf8').trim().split('\n');
    expect(more).toEqual([]);
    const { args, env, event } = JSON.parse(line);
    expect(args).toEqual(['on_sweep_end', '0', 'adam', 'all 5 trials done']);
    expect(v.is(outputSchema(HOOK_EVENT_JSON), event)).toBe(true);
    expect(event).toMatchObject({ sample: true, trial: { id: 0, params: { lr: 1.0e-4, opt: 'adam' } }, sweep: { phase: 'finished' } });
    expect(env.SWEEPTOP_EVENT).toBe('on_sweep_end');
    expect(existsSync(join(temp.path, 'sweeps'))).toBe(false);
  });

  it('exits 1 for a failing hook, with its stderr', async () => {
    temp.file('sweep.yaml', sweep(`  on_failure: node ${HOOK_LOG} ${join(temp.path, 'log.jsonl')} --exit 4`));
    const { code, stdout } = await runCli(['hooks', 'test', 'sweep.yaml', 'on_failure'], { cwd: temp.path });
    expect(code).toBe(1);
    expect(stdout).toMatch(/\nexit status 4 \(.*\)\n--- stderr\nhook-log: exiting 4 as asked\n$/);
  });

  it('refuses an unknown event, and an event the file has no hook for, in one line each', async () => {
    temp.file('sweep.yaml', sweep('  on_failure: "true"'));
    const unknown = await runCli(['hooks', 'test', 'sweep.yaml', 'on_finish'], { cwd: temp.path });
    expect([unknown.code, unknown.stderr]).toEqual([
      2,
      "sweeptop: EVENT: unknown hook event 'on_finish'; the events: on_trial_start, on_trial_end, on_new_best, on_failure, on_pruned, on_sweep_end, on_stall\n",
    ]);
    const absent = await runCli(['hooks', 'test', 'sweep.yaml', 'on_pruned'], { cwd: temp.path });
    expect([absent.code, absent.stderr]).toEqual([2, 'sweeptop: sweep.yaml has no hook for on_pruned; it has: on_failure\n']);
  });
});
