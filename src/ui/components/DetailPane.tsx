/**
 * The selected trial: its curve against step with the best trial's and the trials marked with
 * `space` overlaid (each in its colour) and the pruner's threshold; on the right, TrialInfo.
 */
import { useMemo } from 'react';
import { Box, Text } from 'ink';
import type { GroupUsage } from '../../engine/resources/types.js';
import { fitNumber } from '../format/number.js';
import type { SweepView, TrialView } from '../state/sweep-view.js';
import type { UiState } from '../state/ui-state.js';
import type { PlotColour } from '../theme/theme.js';
import { useTheme } from '../theme/ThemeContext.js';
import { ChartLegend } from './ChartLegend.js';
import { MetricChart } from './MetricChart.js';
import { TrialInfo } from './TrialInfo.js';

export interface DetailPaneProps {
  view: SweepView;
  trial: TrialView | undefined;
  ui: Pick<UiState, 'marked' | 'plotMetric'>;
  width: number;
  height: number;
  usage: GroupUsage | null;
}

export function DetailPane({ view, trial, ui, width, height, usage }: DetailPaneProps) {
  const theme = useTheme();
  const metric = ui.plotMetric ?? view.info.metric.name;
  const chartWidth = Math.max(30, Math.floor(width * (width >= 100 ? 0.58 : 0.52)));
  const infoWidth = width - chartWidth - 2;

  // Drawn in order: marked trials, the best, then the selected trial on top of them.
  const curves = useMemo(() => {
    const curve = (t: TrialView | undefined, label: string, colour: PlotColour) => {
      const s = t?.series[metric];
      if (!s || s.values.length === 0) return null;
      return { label, ink: colour.ink, series: { steps: s.steps, values: s.values, colour: colour.ansi } };
    };
    const selectedId = trial?.snapshot.id;
    const bestId = view.best?.trialId;
    const marks = theme.chart.marks;
    const marked = ui.marked.map((id, i) =>
      id === selectedId || id === bestId ? null : curve(view.trials.get(id), `#${id}`, marks[i % marks.length]),
    );
    const best = bestId !== undefined && bestId !== selectedId ? curve(view.trials.get(bestId), `best #${bestId}`, theme.chart.best) : null;
    const own = curve(trial, `#${selectedId}`, theme.chart.selected);
    return [...marked, best, own].filter((c) => c !== null);
  }, [view.trials, view.best, trial, metric, ui.marked, theme]);

  if (!trial) return <Text dimColor>no trial selected</Text>;
  const s = trial.snapshot;
  const threshold =
    s.pruneThreshold !== null && metric === view.info.metric.name && Number.isFinite(s.pruneThreshold)
      ? { value: s.pruneThreshold, colour: theme.chart.threshold.ansi }
      : null;

  return (
    <Box flexDirection="row" height={height}>
      <Box flexDirection="column" width={chartWidth}>
        <ChartLegend metric={metric} curves={curves}>
          {threshold ? <Text color={theme.chart.threshold.ink}> ┄ pruner {fitNumber(threshold.value)}</Text> : null}
        </ChartLegend>
        <MetricChart
          series={curves.map((c) => c.series)}
          threshold={threshold}
          width={chartWidth}
          height={height - 1}
          empty={`no ${metric} reported yet`}
        />
      </Box>
      <Box marginLeft={2}>
        <TrialInfo
          trial={trial}
          levels={view.info.budgetLevels}
          objective={view.info.metric.name}
          usage={usage}
          width={infoWidth}
          height={height}
        />
      </Box>
    </Box>
  );
}
