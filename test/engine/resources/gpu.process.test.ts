import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findGpuLeaks, type TrialGpuUse } from '../../../src/engine/resources/gpu-leaks.js';
import { ResourceMonitor } from '../../../src/engine/resources/monitor.js';
import { NvidiaSmiMissing, parseCsv, queryGpuProcesses, queryGpus } from '../../../src/engine/resources/nvidia-smi.js';
import type { ResourceSample } from '../../../src/engine/resources/types.js';

const FAKE = resolve('fixtures/bin/nvidia-smi');
const MIB = 1024 * 1024;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gpu-'));
});
afterEach(() => {
  delete process.env.SWEEPTOP_FAKE_GPUS;
  rmSync(dir, { recursive: true, force: true });
});

function fakeState(state: object): void {
  const file = join(dir, 'gpus.json');
  writeFileSync(file, JSON.stringify(state));
  process.env.SWEEPTOP_FAKE_GPUS = file;
}

describe('nvidia-smi', () => {
  it('reads utilisation and memory per GPU, N/A as null', async () => {
    fakeState({
      gpus: [
        { index: 0, uuid: 'GPU-a', name: 'A100', util: 87, used: 10240, total: 40960 },
        { index: 1, uuid: 'GPU-b', name: 'A100', util: null, used: 3, total: 40960 },
      ],
      apps: [{ gpu_uuid: 'GPU-a', pid: 4242, used_memory: 10000 }],
    });
    expect(await queryGpus(FAKE)).toEqual([
      { index: '0', uuid: 'GPU-a', name: 'A100', utilization: 87, memoryUsedBytes: 10240 * MIB, memoryTotalBytes: 40960 * MIB },
      { index: '1', uuid: 'GPU-b', name: 'A100', utilization: null, memoryUsedBytes: 3 * MIB, memoryTotalBytes: 40960 * MIB },
    ]);
    expect(await queryGpuProcesses(FAKE)).toEqual([{ gpuUuid: 'GPU-a', pid: 4242, usedMemoryBytes: 10000 * MIB }]);
  });

  it('says when there is no nvidia-smi, and copes with headers and units', async () => {
    await expect(queryGpus(join(dir, 'missing'))).rejects.toBeInstanceOf(NvidiaSmiMissing);
    expect(parseCsv('index, memory.used [MiB]\n0, 1024 MiB\n\n')).toEqual([['0', '1024 MiB']]);
  });

  it('monitor: samples GPUs and groups, and stops asking a missing nvidia-smi', async () => {
    fakeState({ gpus: [{ index: 0, uuid: 'GPU-a', util: 5, used: 100, total: 1000 }], apps: [] });
    const withGpu = await new ResourceMonitor({ groups: () => [process.pid], onSample: () => {}, nvidiaSmi: FAKE }).sampleOnce();
    expect(withGpu.gpus?.[0]).toMatchObject({ index: '0', utilization: 5 });
    const monitor = new ResourceMonitor({ groups: () => [], onSample: () => {}, nvidiaSmi: join(dir, 'missing') });
    const without = await monitor.sampleOnce();
    expect(without).toMatchObject({ gpus: null, gpuError: null });
    expect((await monitor.sampleOnce()).gpus).toBeNull();
  });
});

describe('findGpuLeaks', () => {
  const sample = (patch: Partial<ResourceSample>): ResourceSample => ({
    time: 100_000,
    gpus: [
      { index: '0', uuid: 'GPU-a', name: null, utilization: 0, memoryUsedBytes: 8000 * MIB, memoryTotalBytes: 40000 * MIB },
      { index: '1', uuid: 'GPU-b', name: null, utilization: 90, memoryUsedBytes: 9000 * MIB, memoryTotalBytes: 40000 * MIB },
    ],
    gpuProcesses: [],
    gpuError: null,
    groups: new Map(),
    ...patch,
  });
  const trials: TrialGpuUse[] = [
    { id: 3, pid: 300, gpus: ['0'], active: false, endedAt: 50_000 },
    { id: 4, pid: 400, gpus: ['1'], active: true, endedAt: null },
  ];

  it('names the ended trial whose process group still holds a GPU', () => {
    const leaks = findGpuLeaks(sample({ gpuProcesses: [{ gpuUuid: 'GPU-a', pid: 301, usedMemoryBytes: 7900 * MIB, pgid: 300 }] }), trials);
    expect(leaks).toEqual([{ gpu: '0', trialId: 3, pid: 301, memoryBytes: 7900 * MIB }]);
  });

  it('without a process list, flags an idle GPU still holding memory after its trial ended', () => {
    expect(findGpuLeaks(sample({}), trials)).toEqual([{ gpu: '0', trialId: 3, pid: null, memoryBytes: 8000 * MIB }]);
  });

  it('leaves alone GPUs in use, freshly released ones, small memory and other users', () => {
    expect(findGpuLeaks(sample({ time: 52_000 }), trials)).toEqual([]);
    const small = sample({});
    small.gpus![0].memoryUsedBytes = 100 * MIB;
    expect(findGpuLeaks(small, trials)).toEqual([]);
    const someoneElse = sample({ gpuProcesses: [{ gpuUuid: 'GPU-a', pid: 999, usedMemoryBytes: 8000 * MIB, pgid: 999 }] });
    expect(findGpuLeaks(someoneElse, trials)).toEqual([]);
    expect(findGpuLeaks(sample({ gpus: null }), trials)).toEqual([]);
  });
});
