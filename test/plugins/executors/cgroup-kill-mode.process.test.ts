/**
 * `kill_mode: cgroup` from the engine: a trial's grandchild that double-forked, called setsid,
 * cleared its environment and sent its output to /dev/null is paused with the trial and killed
 * with it; the trial's cgroup is removed once empty. And the config errors of the mode.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSweepText } from '../../../src/engine/config/load.js';
import { resolveSweep } from '../../../src/engine/config/resolve.js';
import { readStat } from '../../../src/plugin-api/proc.js';
import { cgroupPids, cgroupUnavailable } from '../../../plugins/executors/local/cgroup.js';
import { localExecutor } from '../../../plugins/executors/local.js';
import { makeSweep, sweepBase, tempDirPerTest, TRAINER, waitFor } from '../../helpers/sweep.js';

const temp = tempDirPerTest();

const alive = (pid: number) => {
  const stat = readStat(pid);
  return stat !== undefined && stat.state !== 'Z';
};

const unavailable = cgroupUnavailable();

describe('kill_mode: cgroup', () => {
  it.skipIf(unavailable !== null)(
    `pause freezes and kill ends a grandchild that escaped every other tie${unavailable ? ` (skipped: ${unavailable})` : ''}`,
    async () => {
      const sweep = await makeSweep(
        temp,
        `command: node ${TRAINER} --lr {lr} --epochs 1000 --epoch-ms 50 --spawn-child=vanish
parameters:
  lr: 0.01
trials: 1
grace: 1s
kill_mode: cgroup
metric: val_loss
`,
      );
      sweep.start();
      let child = 0;
      await waitFor(
        () => {
          const trial = sweep.snapshot().trials[0];
          const log = trial ? join(trial.dir, 'stdout.log') : '';
          const match = log && existsSync(log) ? /escaped: child (\d+)/.exec(readFileSync(log, 'utf8')) : null;
          if (match) child = Number(match[1]);
          return match !== null;
        },
        15_000,
        'the escaping child is started',
      );
      try {
        const { handle } = JSON.parse(readFileSync(join(sweep.snapshot().trials[0].dir, 'launch.json'), 'utf8')) as {
          handle: { cgroup: string };
        };
        const cgroup = handle.cgroup;
        expect(cgroupPids(cgroup)).toContain(child);
        expect(await sweep.execute({ type: 'pause', trialId: 0 }, 'test')).toEqual({ ok: true });
        expect(readFileSync(join(cgroup, 'cgroup.freeze'), 'utf8').trim()).toBe('1');
        expect(localExecutor.probe!(handle)).toBe('paused');
        expect(await sweep.execute({ type: 'resume', trialId: 0 }, 'test')).toEqual({ ok: true });
        expect(readFileSync(join(cgroup, 'cgroup.freeze'), 'utf8').trim()).toBe('0');
        expect(await sweep.execute({ type: 'kill', trialId: 0 }, 'test')).toEqual({ ok: true });
        expect((await sweep.done).trials[0].state).toBe('killed');
        await waitFor(() => !alive(child), 5000, `escaped child ${child} gone`);
        await waitFor(() => !existsSync(cgroup), 10_000, 'the empty cgroup removed');
      } finally {
        if (alive(child)) process.kill(child, 'SIGKILL');
      }
    },
  );

  const configError = async (extra: string) => {
    const text = sweepBase(extra);
    try {
      await resolveSweep(parseSweepText('sweep.yaml', '/tmp/sweep.yaml', text), text);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('expected a config error');
  };

  it('is a config error with another executor, and for an unknown mode', async () => {
    expect(await configError('kill_mode: cgroup\nexecutor: {type: ssh, hosts: [a]}\n')).toMatch(
      /^sweep\.yaml:\d+:\d+: kill_mode: cgroup works with the local executor only, not ssh$/,
    );
    expect(await configError('kill_mode: pgroup\n')).toMatch(/^sweep\.yaml:\d+:\d+: kill_mode: expected group or cgroup, got .*pgroup/);
  });
});
