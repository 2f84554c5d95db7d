/** An asciichart plot of one or more curves (see format/chart.ts for how the traps are avoided). */
import { memo, useMemo } from 'react';
import { Box, Text } from 'ink';
import { plotCurves, type ChartSeries } from '../format/chart.js';

export interface MetricChartProps {
  series: readonly ChartSeries[];
  threshold: { value: number; colour?: string } | null;
  width: number;
  height: number;
  /** Shown when there is nothing finite to draw. */
  empty: string;
}

function MetricChartView({ series, threshold, width, height, empty }: MetricChartProps) {
  const lines = useMemo(() => plotCurves(series, { width, height, threshold }), [series, threshold, width, height]);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {lines === null ? (
        <Text dimColor>{empty}</Text>
      ) : (
        lines.map((line, i) => (
          <Text key={i} wrap="truncate">
            {line}
          </Text>
        ))
      )}
    </Box>
  );
}

export const MetricChart = memo(MetricChartView);
