/** The line above a chart: the metric's name, then `━ label` in each curve's colour. */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { Colour } from '../theme/theme.js';

export function ChartLegend({
  metric,
  curves,
  children,
}: {
  metric: string;
  curves: readonly { label: string; ink: Colour }[];
  children?: ReactNode;
}) {
  return (
    <Text wrap="truncate">
      <Text bold>{metric}</Text>
      {curves.map((c) => (
        <Text key={c.label} color={c.ink}>
          {' ━ '}
          {c.label}
        </Text>
      ))}
      {children}
    </Text>
  );
}
