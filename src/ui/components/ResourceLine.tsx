/**
 * Second line: each GPU's utilisation and memory, GPUs still holding memory after their trial
 * ended (flagged), and the total CPU and RSS of the running trials' process groups (per trial, the
 * table's cpu%/rss columns).
 */
import { useMemo } from 'react';
import { Text } from 'ink';
import { findGpuLeaks, type TrialGpuUse } from '../../engine/resources/gpu-leaks.js';
import type { ResourceSample } from '../../engine/resources/types.js';
import { isActive } from '../../plugin-api/trial-state.js';
import { formatBytes } from '../format/number.js';
import type { SweepView } from '../state/sweep-view.js';
import { useTheme } from '../theme/ThemeContext.js';

export function ResourceLine({ view, sample }: { view: SweepView; sample: ResourceSample | null }) {
  const theme = useTheme();
  const leaks = useMemo(() => {
    if (!sample?.gpus) return [];
    const uses: TrialGpuUse[] = [];
    for (const t of view.trials.values()) {
      const s = t.snapshot;
      if (s.gpus) uses.push({ id: s.id, pid: s.pid, gpus: s.gpus, active: isActive(s.state), endedAt: s.endedAt });
    }
    return findGpuLeaks(sample, uses);
  }, [sample, view.revision]);

  if (!sample) return <Text dimColor>resources: sampling…</Text>;
  let cpu = 0;
  let rss = 0;
  for (const group of sample.groups.values()) {
    cpu += group.cpuPercent;
    rss += group.rssBytes;
  }
  const trials = `trials: cpu ${cpu}% rss ${formatBytes(rss)} (${sample.groups.size} groups)`;

  return (
    <Text wrap="truncate">
      {sample.gpus === null ? (
        <Text dimColor>{sample.gpuError ? `GPU: ${sample.gpuError} ` : view.info.gpus ? 'GPU: no nvidia-smi ' : ''}</Text>
      ) : (
        sample.gpus.map((gpu) => (
          <Text key={gpu.index}>
            <Text color={theme.accent}>GPU{gpu.index}</Text> {gpu.utilization === null ? '?' : `${gpu.utilization}%`}{' '}
            {gpu.memoryUsedBytes === null ? '?' : formatBytes(gpu.memoryUsedBytes)}/
            {gpu.memoryTotalBytes === null ? '?' : formatBytes(gpu.memoryTotalBytes)}{' '}
          </Text>
        ))
      )}
      {leaks.map((leak) => (
        <Text key={`${leak.gpu}:${leak.pid}`} color={theme.warn}>
          ⚠ GPU{leak.gpu} held after #{leak.trialId} ended{leak.pid !== null ? ` (pid ${leak.pid})` : ''}
          {leak.memoryBytes !== null ? ` ${formatBytes(leak.memoryBytes)}` : ''}{' '}
        </Text>
      ))}
      <Text dimColor>{trials}</Text>
    </Text>
  );
}
