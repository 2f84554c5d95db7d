/**
 * Starting the process of a trial, or of a run of one: its slot and GPUs, its argv, its launch
 * files on disk before it starts (a token its processes carry), then the TrialRun that follows it.
 * Also the re-attaching to a process adopted from an earlier controller. What a process's end
 * means is the sweep's (Sweep.onEnded).
 */
import type { SweepPhase } from '../events.js';
import { isDiskFull } from '../state/disk-pressure.js';
import { MetricLog } from '../state/metric-log.js';
import { OutputClock } from '../trial/output-clock.js';
import { TrialRun } from '../trial/trial-run.js';
import type { Adoption } from './adoption.js';
import type { GpuPool } from './gpu-pool.js';
import { type LaunchFileError, writeLaunchFiles } from './launch-files.js';
import { newTrialToken, trialArgv, trialRunOptions } from './launch-spec.js';
import { DISK_FULL_REASON } from './outcome.js';
import type { ResolvedSweep } from './resolved.js';
import { slotKey } from './run-entry.js';
import type { TrialEntry } from './trial-entry.js';
import { type ObserverHost, TrialObserver } from './trial-observer.js';

export interface LaunchHost extends ObserverHost {
  readonly resolved: ResolvedSweep;
  readonly dir: string;
  readonly phase: SweepPhase;
  /** The sweep is being stopped with SIGKILL at once, not SIGTERM first. */
  readonly forcingStop: boolean;
}

export class ProcessLaunch {
  constructor(
    private readonly host: LaunchHost,
    /** What holds a slot (see Sweep.active). */
    private readonly active: Set<TrialEntry>,
    private readonly gpuPool: GpuPool | null,
    private readonly silenceFloorMs: number,
  ) {}

  /** Launches the process of `entry` (a trial, or a run of one) in a slot of its own. */
  launch(entry: TrialEntry): void {
    const { resolved, dir } = this.host;
    entry.gpus = this.gpuPool?.allocate(slotKey(entry)) ?? null;
    this.active.add(entry);
    entry.startedAt = Date.now();
    entry.argv = trialArgv(entry, resolved.command, resolved.config, dir);
    // until its process is known, the handle is the token its processes will carry
    const handle = { token: newTrialToken(entry) };
    entry.handle = handle;
    this.host.transition(entry, { type: 'launch' });
    const run = this.createRun(entry);
    const warn = (text: string) => this.host.emitter.emit('sweep:message', { level: 'warn', text });
    void writeLaunchFiles(entry, handle, warn).then(
      () => this.startCreated(entry, run),
      (failure: LaunchFileError) => {
        // lost, so it runs again once — after the disk has room, as launching waits for it
        const diskFull = isDiskFull(failure.cause);
        if (diskFull) this.host.diskPressure.markFull();
        const reason = `${diskFull ? `${DISK_FULL_REASON}: ` : ''}${failure.message}`;
        this.host.onEnded(entry, { exitCode: null, signal: null, intent: null, runtimeMs: 0, reason });
      },
    );
  }

  /** Re-attaches to the process of a trial (or run) an earlier controller started, in the slot it holds. */
  adopt(entry: TrialEntry, adoption: Adoption): void {
    this.active.add(entry);
    if (entry.gpus) this.gpuPool?.claim(slotKey(entry), entry.gpus);
    this.startCreated(entry, this.createRun(entry, adoption), adoption);
  }

  /** The trial's TrialRun, there at once: a command given while its folder is prepared reaches it. */
  private createRun(entry: TrialEntry, adoption?: Adoption): TrialRun {
    const run = new TrialRun(trialRunOptions(entry, this.host.resolved, this.host.dir, adoption), new TrialObserver(this.host, entry));
    entry.run = run;
    entry.clock = new OutputClock(this.silenceFloorMs, run.runtimeMs);
    entry.silentSince = null;
    return run;
  }

  /** Starts (or, with `adoption`, re-attaches to) the trial's process and follows it. */
  private startCreated(entry: TrialEntry, run: TrialRun, adoption?: Adoption): void {
    entry.metricLog ??= new MetricLog(entry.paths.metrics, this.host.diskPressure);
    void run.start(adoption?.handle).then(() => {
      // a trial adopted by `sweeptop stop` (or started as the sweep stops) is stopped at once
      if (this.host.phase === 'stopping') void run.stop('stopped', this.host.forcingStop);
      // stopped or paused while it was being launched: now its process can be told
      else if (run.stopIntent) void run.stop(run.stopIntent);
      else if (entry.state === 'paused') void run.pause();
    });
  }
}
