/**
 * Which parameters matter (`a`): a bar per parameter for its importance (computed off the render
 * path, hooks/use-importance.ts), then the selected parameter against the objective, one point per
 * completed or pruned trial (format/scatter.ts), the best trial starred. ←/→ walk the parameters
 * in order of importance. Tab shows instead the selected parameter against the most important
 * other one as a heat map (format/heatmap.ts). Marks differ by shape as well as colour (● · ★,
 * shades ░▒▓█), so a terminal without colour tells them apart.
 */
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type { Parameter } from '../../plugin-api/space.js';
import { tunable } from '../../plugin-api/space.js';
import { useFinishedTrials } from '../hooks/use-finished-trials.js';
import type { ImportanceState } from '../hooks/use-importance.js';
import { heatMap, type HeatSegment, type HeatTrial } from '../format/heatmap.js';
import { PARAMETER_MARKS, scatterPlot, type ScatterAxis, type ScatterPoint, type Segment } from '../format/scatter.js';
import { fit } from '../format/text.js';
import type { SweepView, TrialView } from '../state/sweep-view.js';
import { dim, paint } from '../theme/paint.js';
import type { Theme } from '../theme/theme.js';
import { useTheme } from '../theme/ThemeContext.js';

export interface AnalysisViewProps {
  view: SweepView;
  importance: ImportanceState;
  /** The selected parameter's place in the order shown (wraps around). */
  param: number;
  plot: 'scatter' | 'heatmap';
  width: number;
  height: number;
}

const NAME_MAX = 18;
/** Bars beyond these lines are counted, not drawn: the scatter needs the rest. */
const BARS_MAX = 8;
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

export function AnalysisView({ view, importance, param, plot, width, height }: AnalysisViewProps) {
  const theme = useTheme();
  const parameters = tunable(view.info.parameters);
  const result = importance.result;
  const ranked = result?.computed ? result.importances : null;
  // a conditional parameter not scored still has its scatter, over the trials that have it
  const absent = result?.computed ? result.absent : [];
  const order = ranked ? [...ranked.map((r) => r.name), ...absent] : parameters.map((p) => p.name);
  const selectedName = order.length > 0 ? order[((param % order.length) + order.length) % order.length] : null;
  const selected = parameters.find((p) => p.name === selectedName);

  const lines: string[] = [];
  const status = importance.computing ? ' · computing…' : '';
  lines.push(`${paint('importance', theme.accent, true)}${dim(` · fANOVA over a random forest, seed 0${status}`)}`);
  if (importance.error) lines.push(paint(`cannot compute importances: ${importance.error}`, theme.state.failed));
  else if (!result) lines.push(dim('computing…'));
  else if (!result.computed) lines.push(result.reason);
  else {
    const nameWidth = Math.min(NAME_MAX, Math.max(...ranked!.map((r) => r.name.length))) + 2;
    const barWidth = Math.max(4, width - nameWidth - 8);
    for (const r of ranked!.slice(0, BARS_MAX)) {
      const line = `${fit(r.name, nameWidth)}${fit(bar(r.importance, barWidth), barWidth)} ${r.importance.toFixed(3)}`;
      lines.push(r.name === selectedName ? paint(line, undefined, true) : line);
    }
    if (ranked!.length > BARS_MAX) lines.push(dim(`… ${ranked!.length - BARS_MAX} more parameters`));
    if (absent.length > 0) lines.push(dim(`not scored, absent from some trials (when:): ${absent.join(', ')}`));
  }
  lines.push(' ');

  const metric = view.info.metric.name;
  const position = selectedName ? ` · ${order.indexOf(selectedName) + 1}/${order.length} · ←/→ parameter` : '';
  const other = order.find((name) => name !== selectedName);
  const y = parameters.find((p) => p.name === other);
  const goal = view.info.metric.goal;
  // memoised on the finished trials: a running trial's metrics redraw the frame, not the plot
  const finished = useFinishedTrials(view);
  const bestId = view.best?.trialId;
  if (plot === 'heatmap') {
    lines.push(
      `${paint(`${selectedName ?? 'no parameter'} × ${other ?? 'no other parameter'} · best ${metric} per cell`, theme.accent, true)}${dim(`${position}${other ? ` · ${selectedName} across, ${other} up` : ''}`)}`,
    );
  } else {
    lines.push(
      `${paint(`${selectedName ?? 'no parameter'} vs ${metric}`, theme.accent, true)}${dim(`${position} · ● completed · · pruned · ★ best`)}`,
    );
  }
  const room = height - lines.length;
  const body = useMemo(() => {
    if (plot === 'heatmap') {
      if (!selected || !y) return [dim('a heat map needs two parameters that vary; this sweep has fewer')];
      const trials = heatTrialsOf(finished, selected.name, y.name, bestId);
      if (trials.length === 0) return [dim(`no completed trial with ${metric}, ${selected.name} and ${y.name} yet`)];
      return heatMap(trials, selected, y, goal, width, Math.max(4, room)).map((segments) => paintedHeat(segments, theme));
    }
    if (!selected) return [dim('this sweep has no parameter to vary')];
    const points = pointsOf(finished, selected.name, bestId);
    if (points.length === 0) return [dim(`no completed or pruned trial with ${metric} yet`)];
    return scatterPlot(points, axisOf(selected, points), width, Math.max(3, room - 2), PARAMETER_MARKS).map((segments) =>
      painted(segments, theme),
    );
  }, [plot, finished, selected, y, bestId, metric, goal, width, room, theme]);

  return (
    <Box flexDirection="column" width={width} height={height}>
      {[...lines, ...body].slice(0, height).map((line, i) => (
        <Text key={i} wrap="truncate">
          {line}
        </Text>
      ))}
    </Box>
  );
}

function bar(share: number, width: number): string {
  const eighths = Math.round(Math.max(0, Math.min(1, share)) * width * 8);
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

function pointsOf(finished: readonly TrialView[], name: string, bestId: number | undefined): ScatterPoint[] {
  const points: ScatterPoint[] = [];
  for (const { snapshot } of finished) {
    const x = snapshot.params[name];
    if (x === undefined || snapshot.objective === null || (snapshot.state !== 'completed' && snapshot.state !== 'pruned')) continue;
    const kind = bestId === snapshot.id ? 'best' : snapshot.state;
    points.push({ x: typeof x === 'number' ? x : String(x), y: snapshot.objective, kind });
  }
  return points;
}

/** Completed trials that have both parameters (a conditional parameter is absent where inactive). */
function heatTrialsOf(finished: readonly TrialView[], x: string, y: string, bestId: number | undefined): HeatTrial[] {
  const trials: HeatTrial[] = [];
  for (const { snapshot } of finished) {
    if (snapshot.state !== 'completed' || snapshot.objective === null) continue;
    const xValue = snapshot.params[x];
    const yValue = snapshot.params[y];
    if (xValue === undefined || yValue === undefined) continue;
    trials.push({ x: xValue, y: yValue, objective: snapshot.objective, best: bestId === snapshot.id });
  }
  return trials;
}

function axisOf(parameter: Exclude<Parameter, { kind: 'const' }>, points: readonly ScatterPoint[]): ScatterAxis {
  if (parameter.kind === 'choice') return { kind: 'categorical', values: parameter.values.map(String) };
  const xs = points.map((p) => p.x).filter((x): x is number => typeof x === 'number');
  // a hand-made trial may lie outside the declared range: the axis stretches to show it
  const low = Math.min(parameter.low, ...xs);
  const high = Math.max(parameter.high, ...xs);
  return { kind: parameter.log ? 'log' : 'linear', low, high };
}

function painted(segments: readonly Segment[], theme: Theme): string {
  return segments
    .map((s) => {
      if (s.style === 'axis' || s.style === 'pruned') return dim(s.text);
      if (s.style === 'best') return paint(s.text, theme.best, true);
      return s.text;
    })
    .join('');
}

function paintedHeat(segments: readonly HeatSegment[], theme: Theme): string {
  return segments
    .map((s) => {
      if (s.style === 'axis') return dim(s.text);
      if (s.style === 'best') return paint(s.text, theme.best, true);
      return s.text;
    })
    .join('');
}
