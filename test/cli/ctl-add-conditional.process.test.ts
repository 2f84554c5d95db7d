/**
 * `ctl add` on a live sweep with a conditional space: a trial that follows the conditions is added
 * and runs with only its active parameters; a value for an absent parameter, or a missing value for
 * a present one, is refused in one line naming the condition.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { detachedSweepsPerTest } from '../helpers/detached-sweeps.js';
import { waitFor } from '../helpers/sweep.js';

const { env, startDetached } = detachedSweepsPerTest();
const TRAINER = resolve('fixtures/conditional-trainer.mjs');

// long enough trials that the sweep is still launching when ctl speaks: one at a time, 20 of them
const SWEEP = `name: live-conditional
command: sh -c 'sleep 2; exec node "$0" "$@"' ${TRAINER} {args}
parameters:
  optimizer: {type: choice, values: [sgd, adam]}
  momentum:  {type: uniform, low: 0.0, high: 0.99, when: "optimizer == 'sgd'"}
  layers:    {type: int, low: 1, high: 3}
sampler: random
trials: 20
parallel: 1
metric: {name: val_loss, goal: minimize}
`;

describe('ctl add on a conditional sweep', () => {
  it('adds a trial that follows the conditions and refuses those that do not', async () => {
    const { dir } = await startDetached(SWEEP);
    const ctl = (...args: string[]) => runCli(['ctl', dir, ...args], { env });
    const absent = await ctl('add', '--param', 'optimizer=adam', '--param', 'momentum=0.5', '--param', 'layers=2');
    expect([absent.code, absent.stderr]).toEqual([
      1,
      "sweeptop: momentum: given, but absent for these values (it needs optimizer == 'sgd'); leave it out\n",
    ]);
    const missing = await ctl('add', '--param', 'optimizer=sgd', '--param', 'layers=2');
    expect([missing.code, missing.stderr]).toEqual([
      1,
      "sweeptop: momentum: missing (present because optimizer == 'sgd'); expected a number from 0 to 0.99\n",
    ]);
    const added = await ctl('add', '--param', 'optimizer=adam', '--param', 'layers=2');
    expect(added.code, added.stderr).toBe(0);
    const id = Number(/added trial (\d+)/.exec(added.stdout)?.[1]);
    const params = join(dir, 'trials', String(id), 'params.json');
    await waitFor(
      () => {
        try {
          return JSON.parse(readFileSync(params, 'utf8')).optimizer === 'adam';
        } catch {
          return false;
        }
      },
      15_000,
      'the added trial',
    );
    expect(JSON.parse(readFileSync(params, 'utf8'))).toEqual({ optimizer: 'adam', layers: 2 });
    await runCli(['stop', dir], { env });
  }, 60_000);
});
