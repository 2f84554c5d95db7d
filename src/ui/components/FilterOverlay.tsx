/** Choose which states the table shows; counts tell what each choice hides. */
import { Box, Text } from 'ink';
import { TRIAL_STATES } from '../../plugin-api/trial-state.js';
import { countByState } from '../state/sweep-reducer.js';
import type { SweepView } from '../state/sweep-view.js';
import type { UiState } from '../state/ui-state.js';
import { useTheme } from '../theme/ThemeContext.js';

export function FilterOverlay({ view, ui, height }: { view: SweepView; ui: UiState; height: number }) {
  const theme = useTheme();
  if (ui.overlay?.kind !== 'filter') return null;
  const cursor = ui.overlay.cursor;
  const counts = new Map(countByState(view));
  const shown = new Set(ui.filter ?? TRIAL_STATES);
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Text bold color={theme.accent} wrap="truncate">
        Show trials in state — space toggles · a all · Enter done
      </Text>
      {TRIAL_STATES.map((state, i) => (
        <Text key={state} inverse={i === cursor} wrap="truncate">
          {i === cursor ? '› ' : '  '}[{shown.has(state) ? 'x' : ' '}] <Text color={theme.state[state]}>{state.padEnd(10)}</Text>
          {String(counts.get(state) ?? 0).padStart(6)}
        </Text>
      ))}
    </Box>
  );
}
