/**
 * First line: sweep name, elapsed time, trials per state (every non-zero state of the closed set;
 * in a budget sweep, the trials waiting for a promotion apart from the running ones),
 * whether the sweep directory's disk is full (launching paused),
 * how many running trials are silent and when the sweep should end, the best objective and its trial, parallelism and GPU slots in use,
 * and the warm start where it fits. While a big sweep's trials
 * are still arriving, how many are in instead of the counts, which would be partial.
 */
import { basename } from 'node:path';
import { useMemo } from 'react';
import { Text } from 'ink';
import { formatBudget } from '../../engine/budget/levels.js';
import type { WarmStartSummary } from '../../engine/events.js';
import { isActive, type TrialState } from '../../plugin-api/trial-state.js';
import { budgetLevelOf, waitsForPromotion } from '../state/budget-level.js';
import { formatElapsed, formatRemaining } from '../format/duration.js';
import { healthClock, sweepHealth } from '../state/health.js';
import { fitNumber } from '../format/number.js';
import { cellWidth } from '../format/text.js';
import { countByState } from '../state/sweep-reducer.js';
import { paretoMembers } from '../state/front.js';
import type { SweepView } from '../state/sweep-view.js';
import { paint, unpainted } from '../theme/paint.js';
import { useTheme } from '../theme/ThemeContext.js';

/** The counts by state with a budget sweep's waiting trials taken out of `running` and counted apart. */
function withWaiting(counts: [TrialState, number][], view: SweepView): [TrialState | 'waiting', number][] {
  let waiting = 0;
  for (const trial of view.trials.values()) if (waitsForPromotion(trial.snapshot)) waiting++;
  if (waiting === 0) return counts;
  return counts.flatMap(([state, n]): [TrialState | 'waiting', number][] =>
    state === 'running' ? [...(n > waiting ? [[state, n - waiting] as [TrialState, number]] : []), ['waiting', waiting]] : [[state, n]],
  );
}

/**
 * `warm start: 40 trials from DIR` (the directory's last name: the header is one line), or `from 2
 * sweeps`; shorter, `warm start: 40 trials`, `warm start: 40`, and `warm 40` beside the header's
 * short form (★, par).
 */
function describeWarmStart({ trials, dirs }: WarmStartSummary, form: 'dir' | 'trials' | 'count' | 'tiny'): string {
  if (form === 'tiny') return `warm ${trials}`;
  if (form === 'count') return `warm start: ${trials}`;
  const from = form === 'dir' ? ` from ${dirs.length === 1 ? basename(dirs[0]) : `${dirs.length} sweeps`}` : '';
  return `warm start: ${trials} trials${from}`;
}

export function Header({ view, width }: { view: SweepView; width: number }) {
  const theme = useTheme();
  const { info } = view;
  // Both only change when a trial appears or changes state (the revision), not with metrics.
  const { counts, gpusInUse } = useMemo(() => {
    const gpus = new Set<string>();
    for (const trial of view.trials.values()) {
      if (isActive(trial.snapshot.state)) for (const gpu of trial.snapshot.gpus ?? []) gpus.add(gpu);
    }
    return { counts: withWaiting(countByState(view), view), gpusInUse: gpus };
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
          ...(counts.length === 0
            ? ['no trials yet']
            : counts.map(([state, n]) => `${paint(state, state === 'waiting' ? theme.muted : theme.state[state])} ${n}`)),
          ...(health.silent > 0 ? [paint(`silent ${health.silent}`, theme.warn, true)] : []),
          ...(health.etaMs !== null ? [`ends in ~${formatRemaining(health.etaMs)}`] : []),
        ]),
  ];
  // a budget sweep's best ran at some budget: `@1` says which (the top, as only those compete)
  const bestTrial = view.best ? view.trials.get(view.best.trialId)?.snapshot : undefined;
  const bestLevel = bestTrial ? budgetLevelOf(bestTrial, info.budgetLevels) : null;
  const best = (digits: number, withLevel = false) =>
    view.best
      ? paint(
          `${fitNumber(view.best.objective, digits)} #${view.best.trialId}${withLevel && bestLevel ? ` @${formatBudget(bestLevel.budget)}` : ''}`,
          theme.best,
          true,
        )
      : '-';
  const gpus = info.gpus ? ` │ GPUs ${gpusInUse.size}/${info.gpus.length}` : '';
  // a summary standing in for the objective is named, never silently used
  const objective = view.objectiveSource ? `${info.metric.name}=${paint(view.objectiveSource, theme.warn)}` : info.metric.name;
  // several objectives have no one best: the size of their Pareto front (★ in the table) instead
  const objectives = info.objectives ?? [info.metric];
  const frontSize = useMemo(() => (objectives.length > 1 ? paretoMembers(view).size : 0), [view.revision, objectives.length]);
  const standing =
    objectives.length > 1
      ? `${[objective, ...objectives.slice(1).map((o) => o.name)].map((name, i) => `${name} (${objectives[i].goal === 'minimize' ? 'min' : 'max'})`).join(', ')} ${paint(`★ front ${frontSize}`, theme.best, true)}`
      : `${objective} (${goal}) best ${best(9, false)}`;
  const full = (withLevel: boolean) =>
    `${parts.join(' ')} │ ${objectives.length > 1 ? standing : `${objective} (${goal}) best ${best(9, withLevel)}`} │ parallel ${info.parallel}${gpus}`;
  // When it does not fit, the best's level goes, then the labels shrink (the metric's name is in the detail pane's title anyway).
  const short = (withLevel: boolean) =>
    `${parts.join(' ')} │ ★ ${objectives.length > 1 ? `front ${frontSize}` : best(7, withLevel)} │ par ${info.parallel}${gpus}`;
  // the warm start gives way first when room is short (its directory, its words, then all): it
  // never changes while the sweep runs; in a short form it stays where it pushes nothing else off
  const warm = (form: Parameters<typeof describeWarmStart>[1]) =>
    info.warmStart ? ` │ ${paint(describeWarmStart(info.warmStart, form), theme.muted)}` : '';
  const line =
    [
      full(true) + warm('dir'),
      full(false) + warm('dir'),
      full(false) + warm('trials'),
      full(false) + warm('count'),
      full(true),
      full(false),
      short(true) + warm('tiny'),
      short(true),
      short(false) + warm('tiny'),
    ].find((text) => cellWidth(unpainted(text)) <= width) ?? short(false);
  // One string, colours inline (see theme/paint.ts): the header is redrawn with every clock tick.
  return <Text wrap="truncate">{line}</Text>;
}
