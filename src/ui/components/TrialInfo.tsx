/**
 * The right-hand side of the detail pane: what the selected trial is doing, why it ended (wrapped,
 * whole), the exact command (broken between arguments, ready to paste), and its last lines of
 * output — in that order of importance, cut to exactly `height` lines (the pane does not clip, see
 * App.tsx), so a long command never pushes out the reason.
 */
import { Box, Text } from 'ink';
import type { GroupUsage } from '../../engine/resources/types.js';
import { formatBudget } from '../../engine/budget/levels.js';
import { formatBytes, fitNumber } from '../format/number.js';
import { budgetLevelOf, waitsForPromotion } from '../state/budget-level.js';
import { formatParam } from '../format/params.js';
import type { TrialView } from '../state/sweep-view.js';
import type { Colour } from '../theme/theme.js';
import { paint } from '../theme/paint.js';
import { useTheme } from '../theme/ThemeContext.js';
import { shellWords, wrapCommand, wrapWords } from '../format/wrap.js';
import { outputRunOf } from '../data/log-source.js';

export interface TrialInfoProps {
  trial: TrialView;
  /** A budget sweep's levels. */
  levels?: readonly number[];
  objective: string;
  usage: GroupUsage | null;
  width: number;
  height: number;
}

interface Line {
  text: string;
  colour?: Colour;
  dim?: boolean;
}

export function TrialInfo({ trial, levels, objective, usage, width, height }: TrialInfoProps) {
  const theme = useTheme();
  const s = trial.snapshot;
  const level = budgetLevelOf(s, levels);
  const waiting = waitsForPromotion(s);
  const params = Object.entries(s.params)
    .map(([name, value]) => `${name}=${formatParam(value)}`)
    .join(' ');
  const title = `${paint(`#${s.id}`, undefined, true)} ${waiting ? paint('waiting for a promotion', theme.muted) : paint(s.state, theme.state[s.state])}${s.promoted ? paint(' ▲ promoted', theme.promoted) : ''}${s.attempt > 0 ? ` attempt ${s.attempt + 1}` : ''} ${params}`;
  const others = Object.entries(s.lastMetrics)
    .filter(([name]) => name !== objective)
    .map(([name, value]) => `${name} ${fitNumber(value, 8)}`)
    .join('  ');
  const process =
    s.pid !== null
      ? `pid ${s.pid}${usage ? ` cpu ${usage.cpuPercent}% rss ${formatBytes(usage.rssBytes)}${usage.leaderState === 'T' ? ' (stopped)' : ''}` : ''}`
      : s.pendingReason
        ? `pending: ${s.pendingReason}`
        : '';
  const reasonColour = s.state === 'completed' ? undefined : theme.warn;
  // never cut: why a trial was pruned is what a person opens the pane to read
  const reason = s.reason ? wrapWords(`${s.state === 'running' || s.state === 'paused' ? 'note' : 'ended'}: ${s.reason}`, width) : [];

  const head: Line[] = [
    { text: title },
    {
      // a budget trial's step is its level, said in words
      text: level
        ? `${objective} ${fitNumber(s.objective)} at budget ${formatBudget(level.budget)} (level ${level.index + 1}/${level.count})  best ${fitNumber(s.best)}`
        : `step ${s.step ?? '-'}  ${objective} ${fitNumber(s.objective)}${objectiveDetail(s)}  best ${fitNumber(s.best)}`,
    },
    ...reason.map((text) => ({ text, colour: reasonColour })),
    // a note (a cut line…) says what sweeptop could not read: whole, like the reason
    ...(s.notes ?? []).flatMap((note) => wrapWords(`note: ${note}`, width)).map((text) => ({ text, colour: theme.warn })),
    { text: level ? levelsText(s, levels!, waiting) : runsText(s) },
    { text: others },
    { text: echoedText(s.echoed), dim: true },
    { text: [process, s.gpus ? `gpus ${s.gpus.join(',')}` : ''].filter(Boolean).join('  ') },
  ].filter((line) => line.text !== '');
  // The exact command, ready to paste: broken between arguments, not shortened, as far as room
  // allows with the last line of output still shown.
  const command: Line[] = fitLines(
    wrapCommand(shellWords(outputRunOf(s)?.command ?? s.command), width),
    Math.max(1, height - head.length - 2),
  ).map((text) => ({
    text,
  }));
  const tail = trial.tail.length > 0 ? trial.tail : s.stderrTail;
  const room = height - head.length - command.length - 1;
  const output: Line[] = [
    { text: tail.length > 0 ? 'output:' : 'no output yet', dim: true },
    ...(room > 0 ? tail.slice(-room) : []).map((text) => ({ text })),
  ];
  const lines: Line[] = [...head, ...command, ...output].slice(0, height);

  return (
    <Box flexDirection="column" width={width} height={height}>
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate" color={line.colour} dimColor={line.dim}>
          {line.text}
        </Text>
      ))}
    </Box>
  );
}

/**
 * ` ± 0.006 (5 folds)`, ` from final/val_loss`: how the objective was made, when not from one
 * curve; with runs (folds × repeats), ` ± 0.006 (3/5)`: runs completed of all.
 */
function objectiveDetail(s: TrialView['snapshot']): string {
  const spread = s.contexts > 1 ? ` ± ${fitNumber(s.spread, 6)}` : ''; // a spread needs fewer digits than its mean
  const folds = s.runs
    ? `${spread} (${s.runs.filter((r) => r.state === 'completed').length}/${s.runs.length})`
    : s.contexts > 1
      ? `${spread} (${s.contexts} folds)`
      : '';
  return `${folds}${s.objectiveSource ? ` from ${s.objectiveSource}` : ''}`;
}

/** Its runs, each with its state and result: `runs: fold 0 0.61  fold 1 running 0.6  fold 2 queued`. */
function runsText(s: TrialView['snapshot']): string {
  if (!s.runs) return '';
  const runs = s.runs.map((r) =>
    [r.key, r.state === 'completed' ? '' : r.state, r.objective === null ? '' : fitNumber(r.objective, 6)].filter(Boolean).join(' '),
  );
  return `runs: ${runs.join('  ')}`;
}

/** A budget trial's levels, each with its state and result: `levels: 0.111 0.88  0.333 running 0.9`, or `… waiting`. */
function levelsText(s: TrialView['snapshot'], levels: readonly number[], waiting: boolean): string {
  const ran = (s.runs ?? []).map((r) =>
    [
      r.level === undefined ? r.key : formatBudget(levels[r.level]),
      r.state === 'completed' ? '' : r.state,
      r.objective === null ? '' : fitNumber(r.objective, 6),
    ]
      .filter(Boolean)
      .join(' '),
  );
  return `levels: ${[...ran, ...(waiting ? ['waiting'] : [])].join('  ')}`;
}

/** Configuration the trial echoed, apart from its metrics. */
function echoedText(echoed: TrialView['snapshot']['echoed']): string {
  const entries = Object.entries(echoed);
  if (entries.length === 0) return '';
  return `echoed: ${entries.map(([name, value]) => `${name}=${typeof value === 'number' ? fitNumber(value, 8) : String(value)}`).join(' ')}`;
}

/** At most `max` of `lines`, the last ending in '…' when some were left out. */
function fitLines(lines: string[], max: number): string[] {
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  kept[max - 1] = `${kept[max - 1].replace(/ ?\\$/, '')} …`;
  return kept;
}
