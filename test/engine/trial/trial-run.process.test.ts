import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExitStatus, TrialProcess } from '../../../src/plugin-api/executor.js';
import { TrialRun, type RunOutcome, type TrialRunListener } from '../../../src/engine/trial/trial-run.js';
import { TempDir } from '../../helpers/sweep.js';

let temp: TempDir;
beforeEach(() => {
  temp = new TempDir();
});
afterEach(() => temp.remove());

/** A process that exits when told to, and records the signals it was sent. */
function fakeProcess() {
  let exit!: (status: ExitStatus) => void;
  const signals: string[] = [];
  const process: TrialProcess = {
    handle: { pid: 1 },
    exited: new Promise((resolve) => (exit = resolve)),
    pause: async () => {},
    resume: async () => {},
    terminate: async () => {
      signals.push('SIGTERM');
      exit({ exitCode: 143, signal: 'SIGTERM' });
    },
    kill: async () => {
      signals.push('SIGKILL');
    },
  };
  return { process, signals, exit };
}

async function started(process: TrialProcess) {
  const files = {
    dir: temp.path,
    stdout: join(temp.path, 'stdout.log'),
    stderr: join(temp.path, 'stderr.log'),
    exitCode: join(temp.path, 'exit_code'),
  };
  let ended!: (outcome: RunOutcome) => void;
  const outcome = new Promise<RunOutcome>((resolve) => (ended = resolve));
  const listener: TrialRunListener = {
    onStarted: () => {},
    onStatus: () => {},
    onOutput: () => {},
    onHeard: () => {},
    onProgress: () => {},
    onPoints: () => {},
    onEchoed: () => {},
    onProblem: () => {},
    onEnded: (o) => ended(o),
  };
  const run = new TrialRun(
    {
      executor: { launch: async () => process, close: async () => {} },
      spec: { trialId: 0, attempt: 0, argv: ['train'], env: {}, cwd: temp.path, files, gpus: null },
      metrics: { push: () => ({ final: [], provisional: [] }), end: () => ({ final: [], provisional: [] }) },
      timeoutMs: null,
      graceMs: 10_000,
    },
    listener,
  );
  await run.start();
  return { run, outcome, files };
}

describe('TrialRun.stop', () => {
  it('signals a running trial, and the outcome says sweeptop stopped it', async () => {
    const { process, signals } = fakeProcess();
    const { run, outcome } = await started(process);
    await run.stop('pruned');
    expect(signals).toEqual(['SIGTERM']);
    expect((await outcome).intent).toBe('pruned');
  });

  it('sends nothing to a trial that already exited on its own (its exit status written): its own status decides', async () => {
    const { process, signals, exit } = fakeProcess();
    const { run, outcome, files } = await started(process);
    // the wrapper wrote the status: the process exited 0 before the prune decision was taken
    writeFileSync(files.exitCode, '0\n');
    await run.stop('pruned');
    expect(signals).toEqual([]);
    exit({ exitCode: 0, signal: null });
    expect(await outcome).toMatchObject({ intent: null, exitCode: 0 });
  });

  it('is not stoppable once its exit status is written, nor once it has ended', async () => {
    const { process, exit } = fakeProcess();
    const { run, outcome, files } = await started(process);
    expect(run.stoppable).toBe(true);
    writeFileSync(files.exitCode, '1\n');
    expect(run.stoppable).toBe(false);
    exit({ exitCode: 1, signal: null });
    await outcome;
    expect(run.stoppable).toBe(false);
  });

  it('a stop sent before the exit status was written stays sweeptop’s, whatever that status', async () => {
    const { process, exit } = fakeProcess();
    const { run, outcome, files } = await started(process);
    process.terminate = async () => {
      // the trial exits 1 as the signal lands: its status is written after the stop was sent
      writeFileSync(files.exitCode, '1\n');
    };
    await run.stop('pruned');
    expect(run.stoppable).toBe(true);
    exit({ exitCode: 1, signal: null });
    expect(await outcome).toMatchObject({ intent: 'pruned', exitCode: 1 });
  });

  it('a half-written status is not an exit: the trial is signalled', async () => {
    const { process, signals } = fakeProcess();
    const { run, files } = await started(process);
    writeFileSync(files.exitCode, '0');
    await run.stop('killed');
    expect(signals).toEqual(['SIGTERM']);
  });
});
