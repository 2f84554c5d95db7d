/**
 * The Pareto front of a sweep of several objectives (`o`): the completed trials as a scatter of one
 * objective against another (format/scatter.ts, as the analysis view draws), the front's members
 * starred, the dominated trials dim; beside it, the front listed by the x objective, best first,
 * with a cursor ↑/↓ move (Enter selects that trial in the table). With three objectives or more,
 * ←/→ change the pair. Marks differ by shape as well as colour (★ ● ◆), so a terminal without
 * colour tells them apart. The front is the engine's (hooks/use-front.ts), not decided here.
 */
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { frontListLines, frontListWidth, type ListLine } from '../format/front-list.js';
import { scatterPlot, type Segment } from '../format/scatter.js';
import type { FrontState } from '../hooks/use-front.js';
import { betterCorner, FRONT_MARKS, goalMark, objectivePairs, pairPlot, type FrontData, type FrontPointKind } from '../state/front-plot.js';
import { dim, paint } from '../theme/paint.js';
import type { Theme } from '../theme/theme.js';
import { useTheme } from '../theme/ThemeContext.js';

export interface FrontViewProps {
  front: FrontState | null;
  /** The pair's place in the cycle (the overlay's count of ←/→ presses). */
  pairIndex: number;
  /** The member the list's cursor is on (a trial id); null or off the front: the first. */
  selected: number | null;
  width: number;
  height: number;
}

/** Lines the plot column spends on captions and the x axis: y name above, axis, labels, x name below. */
const PLOT_CAPTIONS = 4;
const LIST_MIN = 20;

export function FrontView({ front, pairIndex, selected, width, height }: FrontViewProps) {
  const theme = useTheme();
  const data = front?.data ?? null;
  const pair = front?.pair ?? null;
  const cursor = front && selected !== null ? Math.max(0, front.ids.indexOf(selected)) : 0;
  const selectedId = front?.ids[cursor] ?? null;
  const listWidth = data ? Math.max(LIST_MIN, Math.min(frontListWidth(data.objectives), Math.floor(width * 0.45))) : 0;
  const plotWidth = Math.max(10, width - listWidth - 2);
  // memoised on the front's data (completed trials), the pair and the selection: not per frame
  const plotted = useMemo(() => (data && pair ? pairPlot(data, pair, selectedId) : null), [data, pair, selectedId]);
  const title = data && pair && plotted ? titleLines(data, pair, pairIndex, plotted.unplaceable, theme) : [];
  const rows = Math.max(3, height - title.length - PLOT_CAPTIONS);
  const plot = useMemo(
    () =>
      plotted && plotted.points.length > 0
        ? scatterPlot(plotted.points, plotted.axis, plotWidth, rows, FRONT_MARKS).map((segments) => painted(segments, theme))
        : [],
    [plotted, plotWidth, rows, theme],
  );

  if (!front || !data || !pair) {
    return (
      <Box flexDirection="column" width={width} height={height}>
        <Text wrap="truncate">{dim('the front view plots two objectives; this sweep has one')}</Text>
      </Box>
    );
  }

  const [x, y] = [data.objectives[pair[0]], data.objectives[pair[1]]];
  const bodyHeight = Math.max(1, height - title.length);
  const empty = data.completed.length === 0 ? 'no completed trial yet' : `no completed trial has both ${x.name} and ${y.name}`;
  const plotLines =
    plot.length > 0
      ? [dim(`${y.name} ${goalMark(y.goal)}`), ...plot, dim(`${' '.repeat(10)}${x.name} ${goalMark(x.goal)} →`)]
      : [dim(empty)];
  const list = [
    paint(`front, by ${x.name} ${x.goal === 'maximize' ? '↑' : '↓'}`, undefined, true),
    ...frontListLines(front.members, data.objectives, cursor, listWidth, bodyHeight - 1).map((line) => paintedLine(line, theme)),
  ];

  return (
    <Box flexDirection="column" width={width} height={height}>
      {title.map((line, i) => (
        <Text key={`t${i}`} wrap="truncate">
          {line}
        </Text>
      ))}
      <Box flexDirection="row" height={bodyHeight}>
        <Box flexDirection="column" width={plotWidth} marginRight={2}>
          {plotLines.slice(0, bodyHeight).map((line, i) => (
            <Text key={i} wrap="truncate">
              {line}
            </Text>
          ))}
        </Box>
        <Box flexDirection="column" width={listWidth}>
          {list.slice(0, bodyHeight).map((line, i) => (
            <Text key={i} wrap="truncate">
              {line}
            </Text>
          ))}
        </Box>
      </Box>
    </Box>
  );
}

/** The title, the pair's place (three objectives or more), and what is left out, said once. */
function titleLines(data: FrontData, pair: readonly [number, number], pairIndex: number, unplaceable: number, theme: Theme): string[] {
  const [x, y] = [data.objectives[pair[0]], data.objectives[pair[1]]];
  const lines = [
    // what a narrow terminal cuts comes last: the legend repeats what the marks' shapes say
    `${paint(`Pareto front · ${x.name} × ${y.name}`, theme.accent, true)} · better ${betterCorner(x.goal, y.goal)}${dim(
      ` · ${data.front.length} of ${data.completed.length} completed trials on it · ★ front · ● dominated · ◆ selected`,
    )}`,
  ];
  const pairs = objectivePairs(data.objectives.length);
  if (pairs.length > 1) {
    const place = ((pairIndex % pairs.length) + pairs.length) % pairs.length;
    lines.push(
      dim(
        `pair ${place + 1}/${pairs.length} · ←/→ another pair · the front is of all ${data.objectives.length} objectives: a member may look dominated in this pair`,
      ),
    );
  }
  const missing = missingLine(data, pair, unplaceable);
  if (missing) lines.push(paint(missing, theme.warn));
  return lines;
}

/**
 * Completed trials left out, said once: those lacking one of the pair's objectives are not drawn
 * (and on no front); those lacking another objective are drawn but on no front.
 */
function missingLine(data: FrontData, pair: readonly [number, number], unplaceable: number): string | null {
  const parts = data.objectives.flatMap((objective, i) => {
    const count = data.lacking[i];
    if (count === 0) return [];
    const effect = pair.includes(i) ? 'not plotted' : 'plotted, on no front';
    return [`${count} ${count === 1 ? 'trial lacks' : 'trials lack'} ${objective.name} (${effect})`];
  });
  if (unplaceable > 0) parts.push(`${unplaceable} with an infinite value not plotted`);
  return parts.length > 0 ? parts.join(' · ') : null;
}

function painted(segments: readonly Segment<FrontPointKind>[], theme: Theme): string {
  return segments
    .map((s) => {
      if (s.style === 'axis' || s.style === 'dominated') return dim(s.text);
      if (s.style === 'front') return paint(s.text, theme.best, true);
      if (s.style === 'selected') return paint(s.text, theme.accent, true);
      return s.text;
    })
    .join('');
}

function paintedLine(line: ListLine, theme: Theme): string {
  if (line.kind === 'header' || line.kind === 'more') return dim(line.text);
  if (line.kind === 'selected') return paint(line.text, theme.accent, true);
  return line.text;
}
