/**
 * First line: sweep name, elapsed time, trials per state (every non-zero state of the closed set),
 * whether the sweep directory's disk is full (launching paused),
 * how many running trials are silent and when the sweep should end, the best objective and its trial, parallelism and GPU slots in use. While a big sweep's trials
 * are still arriving, how many are in instead of the counts, which would be partial.
 */
import { useMemo } from 'react';
import { Text } from 'ink';
import { isActive } from '../../plugin-api/trial-state.js';
import { formatElapsed, formatRemaining } from '../format/duration.js';
import { healthClock, sweepHealth } from '../state/health.js';
import { fitNumber } from '../format/number.js';
import { cellWidth } from '../format/text.js';
import { countByState } from '../state/sweep-reducer.js';
import type { SweepView } from '../state/sweep-view.js';
import { paint, unpainted } from '../theme/paint.js';
import { useTheme } from '../theme/ThemeContext.js';

export function Header({ view, width }: { view: SweepView; width: number }) {
  const theme = useTheme();
  const { info } = view;
  // Both only change when a trial appears or changes state (the revision), not with metrics.
  const { counts, gpusInUse } = useMemo(() => {
    const gpus = new Set<string>();
    for (const trial of view.trials.values()) {
      if (isActive(trial.snapshot.state)) for (const gpu of trial.snapshot.gpus ?? []) gpus.add(gpu);
    }
    return { counts: countByState(view), gpusInUse: gpus };
  }, [view.revision]);
  // silence and the time to go change at most every 5 s (the health clock), not with every tick
  const clock = healthClock(view.now);
  const health = useMemo(() => sweepHealth(view, clock), [view.revision, clock]);
  const phase =
    view.disconnected !== null && info.phase !== 'finished'
      ? paint('controller lost', theme.error, true)
      : info.phase === 'running'
        ? formatElapsed(view.now - info.startedAt)
        : info.phase === 'stopping'
          ? 'stopping…'
          : // a finished sweep has an end time; one read from a directory nothing runs may not (it died)
            `${info.finishedAt !== null ? `finished after ${formatElapsed(info.finishedAt - info.startedAt)}` : 'not running'}${info.stopReason ? `: ${info.stopReason}` : ''}`;
  const goal = info.metric.goal === 'minimize' ? 'min' : 'max';

  const parts = [
    paint(info.name, theme.accent, true),
    paint(phase, info.phase === 'running' ? undefined : theme.warn),
    // while it lasts, the controller holds what it cannot write and launches nothing
    ...(info.diskFull ? [paint('DISK FULL: launching paused', theme.error, true)] : []),
    ...(view.arriving
      ? [paint(`receiving trials ${view.arriving.received}/${view.arriving.total}…`, theme.warn)]
      : [
          `${view.trials.size}/${info.trialsTarget}`,
          ...(counts.length === 0 ? ['no trials yet'] : counts.map(([state, n]) => `${paint(state, theme.state[state])} ${n}`)),
          ...(health.silent > 0 ? [paint(`silent ${health.silent}`, theme.warn, true)] : []),
          ...(health.etaMs !== null ? [`ends in ~${formatRemaining(health.etaMs)}`] : []),
        ]),
  ];
  const best = (digits: number) =>
    view.best ? paint(`${fitNumber(view.best.objective, digits)} #${view.best.trialId}`, theme.best, true) : '-';
  const gpus = info.gpus ? ` │ GPUs ${gpusInUse.size}/${info.gpus.length}` : '';
  // a summary standing in for the objective is named, never silently used
  const objective = view.objectiveSource ? `${info.metric.name}=${paint(view.objectiveSource, theme.warn)}` : info.metric.name;
  const full = `${parts.join(' ')} │ ${objective} (${goal}) best ${best(9)} │ parallel ${info.parallel}${gpus}`;
  // When it does not fit, the labels shrink (the metric's name is in the detail pane's title anyway).
  const line = cellWidth(unpainted(full)) <= width ? full : `${parts.join(' ')} │ ★ ${best(7)} │ par ${info.parallel}${gpus}`;
  // One string, colours inline (see theme/paint.ts): the header is redrawn with every clock tick.
  return <Text wrap="truncate">{line}</Text>;
}
