/**
 * Under the header, in a sweep with folds or repeats once a trial completed: whether the best
 * trial is distinguishable from the next ones, as the engine judged it when a run last completed.
 */
import { useMemo } from 'react';
import { Text } from 'ink';
import type { WinnerDistinction } from '../../engine/analysis/winner-distinction.js';
import { winnerLine } from '../format/winner.js';
import { useTheme } from '../theme/ThemeContext.js';

export function WinnerLine({ winner, width }: { winner: WinnerDistinction; width: number }) {
  const theme = useTheme();
  // the header redraws with every clock tick; the sentence changes only when a run completes
  const text = useMemo(() => winnerLine(winner, width), [winner, width]);
  return (
    <Text wrap="truncate" color={theme.best}>
      {text}
    </Text>
  );
}
