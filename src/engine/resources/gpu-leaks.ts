/**
 * Finds GPUs still holding memory after their trial ended (a zombie DataLoader, a child that
 * escaped the kill). Two kinds of evidence:
 * - nvidia-smi lists a process on the GPU whose process group is an ended trial's: certain.
 * - no process list (unsupported, or another PID namespace), but a GPU that no live trial uses
 *   holds memory after the last trial on it ended: likely.
 */
import type { ResourceSample } from './types.js';

export interface TrialGpuUse {
  id: number;
  /** The trial's pid, which is also its process group id. */
  pid: number | null;
  gpus: readonly string[] | null;
  active: boolean;
  endedAt: number | null;
}

export interface GpuLeak {
  gpu: string;
  trialId: number;
  /** The process still holding memory, when nvidia-smi names it. */
  pid: number | null;
  memoryBytes: number | null;
}

export interface LeakOptions {
  /** Memory below this on an idle GPU is the driver's own. @default 256 MiB */
  minBytes?: number;
  /** Memory takes a moment to be released after a process exits. @default 5000 */
  graceMs?: number;
}

export function findGpuLeaks(sample: ResourceSample, trials: readonly TrialGpuUse[], options: LeakOptions = {}): GpuLeak[] {
  if (!sample.gpus) return [];
  const minBytes = options.minBytes ?? 256 * 1024 * 1024;
  const graceMs = options.graceMs ?? 5000;
  const settled = (t: TrialGpuUse) => !t.active && t.endedAt !== null && sample.time - t.endedAt >= graceMs;
  const indexOfUuid = new Map(sample.gpus.map((g) => [g.uuid, g.index]));
  const leaks: GpuLeak[] = [];

  const endedByPid = new Map(trials.filter((t) => settled(t) && t.pid !== null).map((t) => [t.pid!, t]));
  for (const process of sample.gpuProcesses) {
    const trial = process.pgid === null ? undefined : endedByPid.get(process.pgid);
    const gpu = indexOfUuid.get(process.gpuUuid);
    if (trial && gpu !== undefined) {
      leaks.push({ gpu, trialId: trial.id, pid: process.pid, memoryBytes: process.usedMemoryBytes });
    }
  }

  const inUse = new Set(trials.filter((t) => t.active).flatMap((t) => t.gpus ?? []));
  for (const gpu of sample.gpus) {
    if (inUse.has(gpu.index) || leaks.some((l) => l.gpu === gpu.index)) continue;
    if ((gpu.memoryUsedBytes ?? 0) < minBytes) continue;
    // Only when nvidia-smi names no process on it: named processes were judged above.
    if (sample.gpuProcesses.some((p) => p.gpuUuid === gpu.uuid)) continue;
    const last = trials.filter((t) => settled(t) && t.gpus?.includes(gpu.index)).sort((a, b) => (b.endedAt ?? 0) - (a.endedAt ?? 0))[0];
    if (last) leaks.push({ gpu: gpu.index, trialId: last.id, pid: null, memoryBytes: gpu.memoryUsedBytes });
  }
  return leaks;
}
