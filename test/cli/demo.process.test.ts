/**
 * `sweeptop demo --headless`, whole, as a newcomer runs it: it prunes (with its reasons), lasts
 * long enough to try the keys, and ends with the winner and a command that runs it again.
 * Its trainer waits a fifth of its 1 s epochs here (TRAIN_TIME_SCALE): the values, the printed
 * command and what is asserted are the demo's; only the waiting shrinks.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { TempDir } from '../helpers/sweep.js';

// The demo's trainer at a fifth of its epoch time; the printed command and every value stay those of the demo.
const FASTER = { TRAIN_TIME_SCALE: '0.2' };

let temp: TempDir;
beforeEach(() => {
  temp = new TempDir();
});
afterEach(() => temp.remove());

describe('sweeptop demo --headless', () => {
  it('prunes with reasons, runs to its end and ends with the winner and the command that reproduces it', async () => {
    const dir = join(temp.path, 'demo');
    const { code, stdout, stderr } = await runCli(['demo', '--headless', '--dir', dir], {
      env: { XDG_STATE_HOME: join(temp.path, 'state'), ...FASTER },
    });
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toMatch(/finished: all 20 trials done/);
    // what a pruner is for: trials stopped early, each with the reason in the metric's own terms
    const pruned =
      stdout.match(
        /^\S+ trial \d+ pruned .* — pruned at step \d+: best val_loss [\d.]+ > median [\d.]+ of \d+ completed trials at step \d+$/gm,
      ) ?? [];
    expect(pruned.length).toBeGreaterThanOrEqual(3);
    expect(stdout.match(/^\S+ trial \d+ completed /gm)?.length).toBeGreaterThanOrEqual(4);

    const ending =
      /the winner: trial (\d+), val_loss ([\d.]+)\nrun it again:\n {2}cd (\S+) && (node train\.mjs .*)\n\nsweep directory: (.*)\n$/.exec(
        stdout,
      );
    expect(ending).not.toBeNull();
    const [, id, value, cwd, command, printedDir] = ending!;
    expect(printedDir).toBe(dir);
    expect(stdout).toMatch(new RegExp(`^\\*${id} +completed +${value.replace('.', '\\.')} `, 'm'));
    // the command, pasted into a shell, gives the winner's curve again (the trainer is deterministic)
    const output = execFileSync('sh', ['-c', `cd ${cwd} && ${command}`], { encoding: 'utf8', env: { ...process.env, ...FASTER } });
    const last = [...output.matchAll(/val_loss=([\d.]+)/g)].at(-1)?.[1];
    expect(Number(last).toPrecision(4)).toBe(Number(value).toPrecision(4));
  }, 180_000);
});
