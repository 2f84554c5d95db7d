/**
 * A trial that ends while no controller runs: its runtime ends when it exited (the mtime of the
 * exit_code file the wrapper wrote), not when a later `status` or `resume` found it ended.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { detachedSweepsPerTest } from '../helpers/detached-sweeps.js';
import { TRAINER, waitFor } from '../helpers/sweep.js';
import { processRecorded } from '../helpers/sweep-folder.js';
import { readStat } from '../../src/plugin-api/proc.js';

const { temp, env, controllers } = detachedSweepsPerTest();

// four epochs of half a second: the trial itself runs at least 2 s
const SWEEP = `name: exit-time
command: node ${TRAINER} --lr {lr} --epochs 4 --epoch-ms 500
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
trials: 1
metric: {name: val_loss, goal: minimize}
`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const durationOf = async (dir: string): Promise<number> =>
  JSON.parse((await runCli(['status', dir, '--json'], { env })).stdout).trials[0].duration_s;

describe('a trial that ends while its controller is dead', () => {
  it('is recorded with the runtime it had when it exited, by status and by resume', async () => {
    temp.file('sweep.yaml', SWEEP);
    const run = await runCli(['run', 'sweep.yaml', '--detach', '--dir', 'out'], { cwd: temp.path, env });
    expect(run.code).toBe(0);
    const dir = run.stdout.trim();
    const controller = (JSON.parse(readFileSync(join(dir, 'controller.lock'), 'utf8')) as { pid: number }).pid;
    controllers.push(controller);
    const trial = join(dir, 'trials', '0');
    await waitFor(() => processRecorded(trial), 15_000, 'the trial launched');
    process.kill(controller, 'SIGKILL');
    await waitFor(() => readStat(controller) === undefined || readStat(controller)!.state === 'Z', 5000, 'the controller gone');
    await waitFor(() => existsSync(join(trial, 'exit_code')), 15_000, 'the trial ended');
    // found ended well after it ended
    await sleep(5000);

    const seenByStatus = await durationOf(dir);
    expect(seenByStatus).toBeGreaterThanOrEqual(2);
    expect(seenByStatus).toBeLessThan(4.5);

    const resumed = await runCli(['resume', dir, '--headless'], { env });
    expect(resumed.code).toBe(0);
    const afterResume = await durationOf(dir);
    expect(afterResume).toBeGreaterThanOrEqual(2);
    expect(afterResume).toBeLessThan(4.5);
    expect(JSON.parse(readFileSync(join(trial, 'result.json'), 'utf8')).runtimeMs / 1000).toBe(afterResume);
  });
});
