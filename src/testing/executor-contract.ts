/**
 * The executor contract, as a vitest suite run on every executor (sweeptop's local, Slurm and SSH
 * ones, and a user's own): `launch` runs the argv in the cwd with the env; output and exit status
 * reach the trial's files; the exit status is observed; `kill` and `terminate` reach the whole
 * process group, a grandchild too; `pause` stops every process and `resume` continues them; a new
 * executor (a controller restarted) finds a running trial again by its handle, and one whose
 * process is gone is not reported running.
 *
 * Trials are `/bin/sh` scripts that write files in their cwd (a folder on this machine): the
 * executor must run them where that folder is visible, and their processes are looked at in this
 * machine's /proc — true of a cluster whose node is this machine, as in sweeptop's own tests.
 */
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Executor, ExecutorContext, ExecutorHandle, ExitStatus, LaunchSpec, TrialProcess } from '../plugin-api/executor.js';
import { readStat } from '../plugin-api/proc.js';

export interface ExecutorContractOptions {
  /** Shown in the suite's title: `executor contract: <name>`. */
  name: string;
  /** The executor can pause and resume a trial; true by default. */
  pause?: boolean;
  /** The folder to make each test's sweep folder (and the trials' cwd) in; the system's temp folder by default. */
  workDir?: () => string;
  /** How long a trial may take to start, or to end once told; 30 s by default (a cluster's queue is slow). */
  timeoutMs?: number;
}

export type MakeExecutor = (context: ExecutorContext) => Executor | Promise<Executor>;

/** Writes its own pid and a grandchild's, then waits for the grandchild (a DataLoader worker, say). */
const WITH_GRANDCHILD = 'sleep 300 & echo $! > grandchild.pid; echo $$ > child.pid; wait';

export function describeExecutorContract(makeExecutor: MakeExecutor, contract: ExecutorContractOptions): void {
  const timeout = contract.timeoutMs ?? 30_000;
  const waitFor = <T>(check: () => T) => vi.waitFor(check, { timeout, interval: 50 });
  let sweepDir: string;
  let executors: Executor[];
  let pids: number[];
  let trials = 0;

  const newExecutor = async () => {
    const executor = await makeExecutor({ sweepDir });
    executors.push(executor);
    return executor;
  };

  /** A spec for a new trial running `script` under /bin/sh, with `args` as $1, $2…, in a cwd of its own. */
  function specOf(script: string, args: string[] = [], env: Record<string, string> = {}): LaunchSpec {
    const trialId = trials++;
    const dir = join(sweepDir, 'trials', String(trialId));
    const cwd = join(sweepDir, `cwd-${trialId}`);
    mkdirSync(dir, { recursive: true });
    mkdirSync(cwd, { recursive: true });
    return {
      trialId,
      attempt: 1,
      argv: ['/bin/sh', '-c', script, 'sh', ...args],
      env,
      cwd,
      gpus: null,
      files: { dir, stdout: join(dir, 'stdout.log'), stderr: join(dir, 'stderr.log'), exitCode: join(dir, 'exit_code') },
    };
  }

  const read = (path: string) => readFileSync(path, 'utf8');
  const ended = (trial: TrialProcess) => withTimeout(trial.exited, timeout, 'the trial to end');

  /** The pids the script wrote (child.pid, grandchild.pid), once it has written them. */
  async function processesOf(spec: LaunchSpec): Promise<number[]> {
    const found = await waitFor(() => ['child.pid', 'grandchild.pid'].map((name) => Number(read(join(spec.cwd, name)).trim())));
    expect(
      found.every((pid) => Number.isInteger(pid) && pid > 0),
      `pids written: ${found}`,
    ).toBe(true);
    pids.push(...found);
    return found;
  }

  describe(`executor contract: ${contract.name}`, { timeout: 4 * timeout }, () => {
    beforeEach(() => {
      sweepDir = realpathSync(mkdtempSync(join(contract.workDir?.() ?? tmpdir(), 'sweeptop-executor-contract-')));
      executors = [];
      pids = [];
    });
    afterEach(async () => {
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone, as it should be
        }
      }
      await Promise.all(executors.map((executor) => executor.close()));
      rmSync(sweepDir, { recursive: true, force: true });
    });

    it('runs the argv in the cwd with the env; stdout, stderr and the exit status reach the trial files', async () => {
      const executor = await newExecutor();
      const script = 'pwd > cwd.txt; printf "%s|%s|%s" "$1" "$2" "$CONTRACT_VALUE" > args.txt; echo out line; echo err line >&2; exit 7';
      const spec = specOf(script, ['two words', `it's "quoted" $HOME`], { CONTRACT_VALUE: 'a b;c' });
      const status = await ended(await executor.launch(spec));
      expect(status.exitCode).toBe(7);
      expect(status.signal).toBeNull();
      expect(read(join(spec.cwd, 'cwd.txt')).trim()).toBe(spec.cwd);
      expect(read(join(spec.cwd, 'args.txt'))).toBe(`two words|it's "quoted" $HOME|a b;c`);
      await waitFor(() => {
        expect(read(spec.files.stdout)).toBe('out line\n');
        expect(read(spec.files.stderr)).toContain('err line\n');
        expect(read(spec.files.exitCode).trim()).toBe('7');
      });
    });

    it('kill reaches every process of the trial, a grandchild too, and the end is observed', async () => {
      const executor = await newExecutor();
      const spec = specOf(WITH_GRANDCHILD);
      const trial = await executor.launch(spec);
      const processes = await processesOf(spec);
      await trial.kill();
      expect(killedStatus(await ended(trial)), 'a killed trial does not look like a success').toBe(true);
      await waitFor(() => expect(alive(processes)).toEqual([]));
    });

    it('terminate reaches every process of the trial, a grandchild too', async () => {
      const executor = await newExecutor();
      const spec = specOf(WITH_GRANDCHILD);
      const trial = await executor.launch(spec);
      const processes = await processesOf(spec);
      await trial.terminate();
      expect(killedStatus(await ended(trial))).toBe(true);
      await waitFor(() => expect(alive(processes)).toEqual([]));
    });

    it.runIf(contract.pause !== false)('pause stops every process of the trial, resume continues them', async () => {
      const executor = await newExecutor();
      const spec = specOf(WITH_GRANDCHILD);
      const trial = await executor.launch(spec);
      const processes = await processesOf(spec);
      await trial.pause();
      await waitFor(() => expect(processes.map(stateOf)).toEqual(['T', 'T']));
      await trial.resume();
      await waitFor(() => expect(processes.map(stateOf).filter((state) => state === 'T')).toEqual([]));
      await trial.kill();
      await ended(trial);
    });

    it('a new executor (a restarted controller) finds a running trial by its handle and sees it end', async () => {
      const first = await newExecutor();
      const spec = specOf(
        'echo $$ > child.pid; sleep 300 & echo $! > grandchild.pid; while [ ! -e release ]; do sleep 0.1; done; kill $!; exit 5',
      );
      const original = await first.launch(spec);
      const processes = await processesOf(spec);
      // the handle as the engine records it: complete once the executor says the trial runs
      await reportedRunning(original);
      const handle = roundTrip(original.handle);
      const second = await newExecutor();
      expect(second.adopt, 'adopt').toBeTypeOf('function');
      const adopted = await second.adopt!(handle, spec);
      expect(adopted, 'the trial found again').toBeDefined();
      expect(alive(processes)).toEqual(processes);
      writeFileSync(join(spec.cwd, 'release'), '');
      expect((await ended(adopted!)).exitCode).toBe(5);
      await ended(original);
    });

    it('a handle whose process is gone is not reported running', async () => {
      const executor = await newExecutor();
      const spec = specOf('exit 3');
      const trial = await executor.launch(spec);
      await ended(trial);
      await waitFor(() => expect(read(spec.files.exitCode).trim()).toBe('3'));
      const handle = roundTrip(trial.handle);
      const later = await newExecutor();
      // With its exit-code file: gone, or found already ended with that status.
      const found = await later.adopt?.(handle, spec);
      if (found) expect((await ended(found)).exitCode).toBe(3);
      // Without it (a process that died with no trace): gone, or found ended all the same.
      rmSync(spec.files.exitCode);
      const traceless = await later.adopt?.(handle, spec);
      if (traceless) await ended(traceless);
    });
  });
}

/** What the engine stores of a handle (launch.json) and hands back: JSON. */
const roundTrip = (handle: ExecutorHandle): ExecutorHandle => JSON.parse(JSON.stringify(handle));

/** The pids still running (a zombie has exited: only its parent has yet to read its status). */
function alive(pids: number[]): number[] {
  return pids.filter((pid) => ![undefined, 'Z', 'X'].includes(readStat(pid)?.state));
}

const stateOf = (pid: number) => readStat(pid)?.state ?? 'gone';

function killedStatus(status: ExitStatus): boolean {
  return status.signal !== null || (status.exitCode !== 0 && status.exitCode !== null) || status.reason !== undefined;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`waited ${ms} ms for ${what}`)), ms);
  });
  return Promise.race([promise, timedOut]).finally(() => clearTimeout(timer));
}

/**
 * Resolves once the trial is said to run: at once for an executor that reports no status (its
 * handle is whole when launch returns), else at its first 'running' status (an SSH trial's
 * handle names its host and remote pid only from then on).
 */
function reportedRunning(trial: TrialProcess): Promise<void> {
  if (!trial.onStatus) return Promise.resolve();
  return new Promise((resolve) => trial.onStatus!((status) => status.state === 'running' && resolve()));
}
