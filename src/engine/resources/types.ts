/** What the resource monitor reports: GPUs (from nvidia-smi) and trial process groups (from /proc). */

export interface GpuSample {
  /** nvidia-smi's index, as the sweep file's `gpus:` names it ('0', '1', …). */
  index: string;
  uuid: string | null;
  name: string | null;
  /** Percent; null when the driver does not say ([N/A], [Not Supported]). */
  utilization: number | null;
  memoryUsedBytes: number | null;
  memoryTotalBytes: number | null;
}

/** A process holding GPU memory (nvidia-smi --query-compute-apps). */
export interface GpuProcess {
  gpuUuid: string;
  pid: number;
  usedMemoryBytes: number | null;
  /** Its process group, read from /proc; null if it is gone or not visible (another namespace). */
  pgid: number | null;
}

/** CPU and memory of one trial: everything in its process group (DataLoader workers included). */
export interface GroupUsage {
  pgid: number;
  /** Percent of one core since the previous sample (400 = four cores busy). */
  cpuPercent: number;
  rssBytes: number;
  processes: number;
  /** The group leader's state letter from /proc: R, S, D, T (stopped: a paused trial), Z. */
  leaderState: string | null;
}

export interface ResourceSample {
  time: number;
  /** null when there is no nvidia-smi (or it failed: see gpuError). */
  gpus: GpuSample[] | null;
  gpuProcesses: GpuProcess[];
  gpuError: string | null;
  /** By process group id (= the trial's pid: trials run in their own group). */
  groups: Map<number, GroupUsage>;
}
