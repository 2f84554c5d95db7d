/**
 * The trials marked with `space`, side by side (state/compare.ts says what each row holds): one
 * column per trial, as many as fit the width, the rest counted in the title. Parameters that differ
 * between the trials are bold, equal ones dim, so what was varied stands out. Below, their curves
 * overlaid in the colours their marks have in the detail pane.
 */
import { Box, Text } from 'ink';
import { fit } from '../format/text.js';
import { wrapWords } from '../format/wrap.js';
import { compareTable, type CompareRow } from '../state/compare.js';
import type { SweepView, TrialView } from '../state/sweep-view.js';
import type { PlotColour } from '../theme/theme.js';
import { dim, paint } from '../theme/paint.js';
import { useTheme } from '../theme/ThemeContext.js';
import { ChartLegend } from './ChartLegend.js';
import { MetricChart } from './MetricChart.js';

export interface CompareViewProps {
  view: SweepView;
  /** The marked trials still in the view, in marking order. */
  trials: readonly TrialView[];
  /** The marks, in order: a trial's place in it picks its colour. */
  marked: readonly number[];
  /** Metric plotted; null is the objective. */
  plotMetric: string | null;
  width: number;
  height: number;
}

/** Narrower, a parameter value or `0.4213 ± 0.0123` no longer fits its column. */
const COLUMN_MIN = 20;
const COLUMN_MAX = 34;
const LABEL_MAX = 16;
/** Legend and plot: fewer lines show no shape. */
const CHART_MIN = 8;

interface Line {
  label: string;
  cells: string[];
  differs?: boolean;
  heading?: boolean;
}

export function CompareView({ view, trials, marked, plotMetric, width, height }: CompareViewProps) {
  const theme = useTheme();
  const metric = plotMetric ?? view.info.metric.name;
  const labels = compareTable(view, trials).rows.map((row) => row.label);
  const labelWidth = Math.min(LABEL_MAX, Math.max(5, ...labels.map((l) => l.length))) + 2;
  const fitting = Math.max(1, Math.floor((width - labelWidth) / COLUMN_MIN));
  const shown = trials.slice(0, fitting);
  const hidden = trials.length - shown.length;
  const columnWidth = Math.min(COLUMN_MAX, Math.floor((width - labelWidth) / shown.length));
  const colourOf = (id: number): PlotColour => theme.chart.marks[Math.max(0, marked.indexOf(id)) % theme.chart.marks.length];

  const table = compareTable(view, shown);
  const lines = table.rows.flatMap((row) => linesOf(row, columnWidth - 2));
  const chartHeight = Math.max(CHART_MIN, height - 2 - lines.length);
  const room = Math.max(0, height - 2 - chartHeight);
  const cut = lines.length > room ? lines.length - (room - 1) : 0;
  const visible = cut > 0 ? lines.slice(0, Math.max(0, room - 1)) : lines;

  // A handful of curves of at most SERIES_CAPACITY points: replotted with each frame while open.
  const curves = shown.flatMap((t) => {
    const s = t.series[metric];
    if (!s || s.values.length === 0) return [];
    const colour = colourOf(t.snapshot.id);
    return [{ label: `#${t.snapshot.id}`, ink: colour.ink, series: { steps: s.steps, values: s.values, colour: colour.ansi } }];
  });

  const title = `compare ${trials.length} trials${hidden > 0 ? ` · +${hidden} more (the first ${shown.length} fit)` : ''}`;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate">{`${paint(title, theme.accent, true)}${dim(' · parameters that differ in bold · Esc back · m next metric')}`}</Text>
      <Text wrap="truncate">
        {fit('trial', labelWidth) +
          shown.map((t) => paint(`${fit(`━ #${t.snapshot.id}`, columnWidth - 2)}  `, colourOf(t.snapshot.id).ink, true)).join('')}
      </Text>
      {visible.map((line, i) => (
        <Text key={i} wrap="truncate">
          {styled(line, `${fit(line.label, labelWidth)}${line.cells.map((cell) => `${fit(cell, columnWidth - 2)}  `).join('')}`)}
        </Text>
      ))}
      {cut > 0 ? <Text wrap="truncate">{dim(`… ${cut} more lines (a taller terminal shows them)`)}</Text> : null}
      <ChartLegend metric={metric} curves={curves} />
      <MetricChart
        series={curves.map((c) => c.series)}
        threshold={null}
        width={width}
        height={chartHeight - 1}
        empty={`no ${metric} reported yet by these trials`}
      />
    </Box>
  );
}

/** A parameter's line bold when the trials differ in it, dim when they agree; results as they are. */
function styled(line: Line, text: string): string {
  if (line.differs === true) return paint(text, undefined, true);
  if (line.differs === false || line.heading) return dim(text);
  return text;
}

/** A row as screen lines: a wrapping row (the reason) takes as many as its longest cell needs. */
function linesOf(row: CompareRow, width: number): Line[] {
  if (!row.wraps) return [{ label: row.label, cells: row.cells, differs: row.differs, heading: row.heading }];
  const wrapped = row.cells.map((cell) => wrapWords(cell, Math.max(1, width)));
  const count = Math.max(1, ...wrapped.map((w) => w.length));
  return Array.from({ length: count }, (_, i) => ({ label: i === 0 ? row.label : '', cells: wrapped.map((w) => w[i] ?? '') }));
}
