/**
 * Runs trials on SSH hosts. `launch` returns at once with a trial that waits for a free slot
 * (shown as pending), then starts it on the chosen host under setsid through the exit-code
 * wrapper. Everything after that — state, output, exit — comes from each host's poll, so no pipe
 * has to stay open, and a restarted controller adopts remote trials from their handles.
 */
import { rmSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import type { Executor, ExecutorHandle, ExitStatus, LaunchSpec, TrialProcess } from '../../../src/plugin-api/executor.js';
import { wrapArgv } from '../wrapper.js';
import { SshConnection } from './connection.js';
import { controlFolder } from './control-folder.js';
import { HostSlots, NoHostError, type Slot } from './host-slots.js';
import type { SshOptions } from './options.js';
import { RemoteHost, type LaunchRequest } from './remote-host.js';
import { SshTrial } from './ssh-trial.js';

export class SshExecutor implements Executor {
  readonly hosts = new Map<string, RemoteHost>();
  private readonly slots: HostSlots;
  private readonly controlDir: string;
  /** Trials being placed on a host: close() lets them finish (a trial stopped mid-launch is killed there). */
  private readonly placing = new Set<Promise<void>>();

  constructor(
    readonly options: SshOptions,
    gpusPerTrial: number,
    sweepDir: string,
  ) {
    this.controlDir = controlFolder(sweepDir);
    this.slots = new HostSlots(options.hosts, gpusPerTrial);
    const settings = { sshConfig: options.sshConfig, controlDir: this.controlDir, connectTimeoutS: options.connectTimeoutS };
    for (const spec of options.hosts) {
      this.hosts.set(
        spec.name,
        new RemoteHost(new SshConnection(spec, settings), {
          pollMs: options.pollMs,
          unreachableAfterMs: options.unreachableAfterMs,
          onUnreachable: (host) => this.slots.markUnreachable(host.name),
        }),
      );
    }
  }

  async launch(spec: LaunchSpec): Promise<TrialProcess> {
    const trial = this.newTrial(spec, this.remoteDirFor(spec));
    const placing = this.place(trial, spec).finally(() => this.placing.delete(placing));
    this.placing.add(placing);
    return trial;
  }

  /**
   * A trial an earlier controller started: followed again if its process still runs, ended from
   * its exit_code if it ended meanwhile; undefined when it is gone without one (or its host is).
   */
  async adopt(handle: ExecutorHandle, spec: LaunchSpec): Promise<TrialProcess | undefined> {
    const host = this.hosts.get(String(handle.host));
    const pid = Number(handle.remotePid);
    if (!host || host.unreachable || !Number.isInteger(pid) || pid <= 0) return undefined;
    const remoteDir = typeof handle.remoteDir === 'string' ? handle.remoteDir : this.remoteDirFor(spec);
    const gpus = typeof handle.gpus === 'string' && handle.gpus ? handle.gpus.split(',') : null;
    this.slots.claim(host.name, gpus);
    const trial = this.newTrial(spec, remoteDir);
    await trial.started(host, { host: host.connection.host, gpus }, pid, String(handle.startTime ?? '-'));
    host.add(trial, true);
    await trial.firstReport;
    if (!trial.done) return trial;
    const status = await trial.exited;
    return status.exitCode === null && status.signal === null ? undefined : trial;
  }

  /** Closes every host's master connection. Remote trials are the engine's to stop. */
  async close(): Promise<void> {
    await Promise.allSettled(this.placing);
    await Promise.all([...this.hosts.values()].map((host) => host.close()));
    rmSync(this.controlDir, { recursive: true, force: true });
  }

  private newTrial(spec: LaunchSpec, remoteDir: string): SshTrial {
    const names = { stdout: basename(spec.files.stdout), stderr: basename(spec.files.stderr), exitCode: basename(spec.files.exitCode) };
    const files = {
      stdout: join(remoteDir, names.stdout),
      stderr: join(remoteDir, names.stderr),
      exitCode: join(remoteDir, names.exitCode),
    };
    return new SshTrial(spec, remoteDir, files, (trial) => {
      if (trial.slot) this.slots.release(trial.slot);
    });
  }

  /** Waits for a slot, starts the trial there; a host that cannot be reached is tried again later or given up. */
  private async place(trial: SshTrial, spec: LaunchSpec): Promise<void> {
    let slot = this.slots.take();
    if (!slot) trial.report({ state: 'pending', reason: this.waitReason() });
    while (!trial.done) {
      try {
        slot ??= await this.slots.acquire(trial.waiting.signal);
      } catch (error) {
        if (error instanceof NoHostError) trial.end({ exitCode: null, signal: null, reason: error.message });
        return;
      }
      const host = this.hosts.get(slot.host.name)!;
      const result = await host.launch(this.request(trial, spec, slot));
      if ('pid' in result) {
        trial.slot = slot;
        if (trial.done) {
          // stopped while it was being started
          await host.signal(result.pid, result.startTime, ['KILL']);
          this.slots.release(slot);
          return;
        }
        await trial.started(host, slot, result.pid, result.startTime);
        host.add(trial);
        return;
      }
      this.slots.release(slot);
      slot = undefined;
      if (!result.unreachable) return this.failToStart(trial, spec, `${host.name}: ${result.message}`, result.exitCode);
      trial.report({ state: 'pending', reason: `${host.name} did not answer; trying again` });
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs));
    }
  }

  private request(trial: SshTrial, spec: LaunchSpec, slot: Slot): LaunchRequest {
    const env: Record<string, string> = {
      // the host's login environment, not this one, is what the trial inherits
      PYTHONUNBUFFERED: process.env.PYTHONUNBUFFERED ?? '1',
      ...spec.env,
      ...(slot.gpus && { CUDA_VISIBLE_DEVICES: slot.gpus.join(',') }),
    };
    if (trial.mirror) {
      env.SWEEPTOP_TRIAL_DIR = trial.remoteDir;
      env.SWEEPTOP_SWEEP_DIR = dirname(dirname(trial.remoteDir));
    }
    return {
      remoteDir: trial.remoteDir,
      cwd: this.options.remoteCwd ?? spec.cwd,
      env,
      argv: wrapArgv(trial.files.exitCode, spec.argv),
      files: trial.files,
    };
  }

  /** `remote_dir/<sweep folder>/trials/<id>`, or the local path itself on a shared filesystem. */
  private remoteDirFor(spec: LaunchSpec): string {
    if (!this.options.remoteDir) return spec.files.dir;
    const sweepDir = dirname(dirname(spec.files.dir));
    return join(this.options.remoteDir, basename(sweepDir), relative(sweepDir, spec.files.dir));
  }

  private waitReason(): string {
    return this.options.hosts.some((h) => h.gpus) ? 'waiting for a free GPU on any host' : 'waiting for a free slot on any host';
  }

  /** The host refused to start it (no such cwd…): its message goes to the trial's stderr, and it fails. */
  private async failToStart(trial: SshTrial, spec: LaunchSpec, message: string, exitCode: number): Promise<void> {
    await appendFile(spec.files.stderr, `sweeptop: could not start on ${message}\n`).catch(() => {});
    const status: ExitStatus = { exitCode, signal: null, reason: `could not start on ${message}` };
    trial.end(status);
  }
}
