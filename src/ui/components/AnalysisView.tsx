/**
 * Which parameters matter (`a`): a bar per parameter for its importance (computed off the render
 * path, hooks/use-importance.ts), then the selected parameter against the objective, one point per
 * completed or pruned trial (format/scatter.ts), the best trial starred. ←/→ walk the parameters
 * in order of importance. Marks differ by shape as well as colour (● · ★), so a terminal without
 * colour tells a pruned point from a completed one.
 */
import { Box, Text } from 'ink';
import type { Parameter } from '../../plugin-api/space.js';
import { tunable } from '../../plugin-api/space.js';
import type { ImportanceState } from '../hooks/use-importance.js';
import { scatterPlot, type ScatterAxis, type ScatterPoint, type Segment } from '../format/scatter.js';
import { fit } from '../format/text.js';
import type { SweepView } from '../state/sweep-view.js';
import { dim, paint } from '../theme/paint.js';
import type { Theme } from '../theme/theme.js';
import { useTheme } from '../theme/ThemeContext.js';

export interface AnalysisViewProps {
  view: SweepView;
  importance: ImportanceState;
  /** The selected parameter's place in the order shown (wraps around). */
  param: number;
  width: number;
  height: number;
}

const NAME_MAX = 18;
/** Bars beyond these lines are counted, not drawn: the scatter needs the rest. */
const BARS_MAX = 8;
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

export function AnalysisView({ view, importance, param, width, height }: AnalysisViewProps) {
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
  lines.push(
    `${paint(`${selectedName ?? 'no parameter'} vs ${metric}`, theme.accent, true)}${dim(`${position} · ● completed · · pruned · ★ best`)}`,
  );
  const plotHeight = Math.max(3, height - lines.length - 2);
  const points = selected ? pointsOf(view, selected.name) : [];
  let plot: string[];
  if (!selected) plot = [dim('this sweep has no parameter to vary')];
  else if (points.length === 0) plot = [dim(`no completed or pruned trial with ${metric} yet`)];
  else plot = scatterPlot(points, axisOf(selected, points), width, plotHeight).map((segments) => painted(segments, theme));

  return (
    <Box flexDirection="column" width={width} height={height}>
      {[...lines, ...plot].slice(0, height).map((line, i) => (
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

function pointsOf(view: SweepView, name: string): ScatterPoint[] {
  const points: ScatterPoint[] = [];
  for (const { snapshot } of view.trials.values()) {
    const x = snapshot.params[name];
    if (x === undefined || snapshot.objective === null || !Number.isFinite(snapshot.objective)) continue;
    if (snapshot.state !== 'completed' && snapshot.state !== 'pruned') continue;
    const kind = view.best?.trialId === snapshot.id ? 'best' : snapshot.state;
    points.push({ x: typeof x === 'number' ? x : String(x), y: snapshot.objective, kind });
  }
  return points;
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
