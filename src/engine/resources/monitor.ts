/**
 * Samples GPUs and trial process groups every few seconds and hands each sample to a listener.
 * Pure Node (no React): the TUI shows the samples, and a headless reporter could log them.
 */
import { GroupSampler, type GroupSamplerOptions } from './group-usage.js';
import { NvidiaSmiMissing, queryGpuProcesses, queryGpus } from './nvidia-smi.js';
import type { GpuProcess, ResourceSample } from './types.js';

export interface ResourceMonitorOptions extends GroupSamplerOptions {
  /** Process groups to measure: the pids of the active trials. */
  groups: () => readonly number[];
  onSample: (sample: ResourceSample) => void;
  /** @default 2000 */
  intervalMs?: number;
  /** The nvidia-smi to run (tests put a fake on PATH). @default 'nvidia-smi' */
  nvidiaSmi?: string;
  /** @default Date.now */
  now?: () => number;
}

export class ResourceMonitor {
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  private gpuMissing = false;
  private readonly sampler: GroupSampler;

  constructor(private readonly options: ResourceMonitorOptions) {
    this.sampler = new GroupSampler(options);
  }

  start(): void {
    if (this.timer) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs ?? 2000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async sampleOnce(): Promise<ResourceSample> {
    const command = this.options.nvidiaSmi ?? 'nvidia-smi';
    const [groups, gpu] = await Promise.all([this.sampler.sample(this.options.groups()), this.sampleGpus(command)]);
    const pgidOf = new Map(groups.stats.map((s) => [s.pid, s.pgid]));
    const gpuProcesses: GpuProcess[] = gpu.processes.map((p) => ({ ...p, pgid: pgidOf.get(p.pid) ?? null }));
    return {
      time: (this.options.now ?? Date.now)(),
      gpus: gpu.gpus,
      gpuProcesses,
      gpuError: gpu.error,
      groups: groups.groups,
    };
  }

  private async tick(): Promise<void> {
    // A slow nvidia-smi must not pile up processes: skip a tick while one is running.
    if (this.busy) return;
    this.busy = true;
    try {
      this.options.onSample(await this.sampleOnce());
    } catch {
      // A failed sample is simply not shown; the next tick tries again.
    } finally {
      this.busy = false;
    }
  }

  private async sampleGpus(command: string): Promise<{
    gpus: ResourceSample['gpus'];
    processes: Omit<GpuProcess, 'pgid'>[];
    error: string | null;
  }> {
    if (this.gpuMissing) return { gpus: null, processes: [], error: null };
    try {
      const gpus = await queryGpus(command);
      // Not every driver can list compute processes (containers, MIG); GPUs are still worth showing.
      const processes = await queryGpuProcesses(command).catch(() => []);
      return { gpus, processes, error: null };
    } catch (error) {
      if (error instanceof NvidiaSmiMissing) {
        this.gpuMissing = true;
        return { gpus: null, processes: [], error: null };
      }
      return { gpus: null, processes: [], error: (error as Error).message };
    }
  }
}
