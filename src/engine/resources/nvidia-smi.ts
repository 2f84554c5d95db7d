/**
 * GPU utilisation and memory from `nvidia-smi --query-… --format=csv`. One process per query, at
 * the monitor's pace (seconds): nvidia-smi takes tens of milliseconds and we never block on it.
 */
import { execFile } from 'node:child_process';
import type { GpuProcess, GpuSample } from './types.js';

const GPU_FIELDS = ['index', 'uuid', 'name', 'utilization.gpu', 'memory.used', 'memory.total'];
const APP_FIELDS = ['gpu_uuid', 'pid', 'used_memory'];
const MIB = 1024 * 1024;

export class NvidiaSmiMissing extends Error {
  constructor() {
    super('nvidia-smi not found');
    this.name = 'NvidiaSmiMissing';
  }
}

export async function queryGpus(command = 'nvidia-smi'): Promise<GpuSample[]> {
  const text = await run(command, [`--query-gpu=${GPU_FIELDS.join(',')}`, '--format=csv,noheader,nounits']);
  return parseCsv(text).map(([index, uuid, name, utilization, used, total]) => ({
    index: index ?? '',
    uuid: present(uuid),
    name: present(name),
    utilization: number(utilization),
    memoryUsedBytes: scaled(used, MIB),
    memoryTotalBytes: scaled(total, MIB),
  }));
}

/** Processes holding GPU memory; their pgid is filled in by the monitor. */
export async function queryGpuProcesses(command = 'nvidia-smi'): Promise<Omit<GpuProcess, 'pgid'>[]> {
  const text = await run(command, [`--query-compute-apps=${APP_FIELDS.join(',')}`, '--format=csv,noheader,nounits']);
  return parseCsv(text).flatMap(([gpuUuid, pid, used]) => {
    const id = number(pid);
    return gpuUuid && id !== null ? [{ gpuUuid, pid: id, usedMemoryBytes: scaled(used, MIB) }] : [];
  });
}

/** nvidia-smi's CSV: comma + space separated; a header line is skipped if present. */
export function parseCsv(text: string): string[][] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^(index|gpu_uuid)\b/.test(line))
    .map((line) => line.split(',').map((cell) => cell.trim()));
}

function present(cell: string | undefined): string | null {
  return cell === undefined || cell === '' || cell.startsWith('[') ? null : cell;
}

/** Numbers may carry units when `nounits` is ignored by an old driver ("45 %", "1024 MiB"). */
function number(cell: string | undefined): number | null {
  const text = present(cell);
  if (text === null) return null;
  const value = Number.parseFloat(text);
  return Number.isFinite(value) ? value : null;
}

function scaled(cell: string | undefined, factor: number): number | null {
  const value = number(cell);
  return value === null ? null : value * factor;
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 10_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') reject(new NvidiaSmiMissing());
        else reject(new Error(`nvidia-smi failed: ${(stderr || error.message).trim().split('\n')[0]}`, { cause: error }));
        return;
      }
      resolve(stdout);
    });
  });
}
