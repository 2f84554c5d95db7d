/**
 * The line above the footer: a question being asked (kill? quit?), the search being typed, or the
 * latest message (the engine's answer to a key, a warning); on the right, where the cursor is and
 * which sort, filter and search are active.
 */
import { Box, Text } from 'ink';
import { TRIAL_STATES } from '../../plugin-api/trial-state.js';
import type { SweepView } from '../state/sweep-view.js';
import type { UiState } from '../state/ui-state.js';
import { cellWidth } from '../format/text.js';
import { useTheme } from '../theme/ThemeContext.js';

export interface StatusLineProps {
  view: SweepView;
  ui: UiState;
  cursor: number;
  total: number;
  width: number;
}

export function StatusLine({ view, ui, cursor, total, width }: StatusLineProps) {
  const theme = useTheme();
  const overlay = ui.overlay;
  const latest = view.messages[view.messages.length - 1];
  const message = ui.status && (!latest || ui.status.time >= latest.time) ? ui.status : latest;
  const colour = message?.level === 'error' ? theme.error : message?.level === 'warn' ? theme.warn : undefined;

  const where = [
    total === 0 ? '0/0' : `${cursor + 1}/${total}`,
    `sort ${ui.sort.key}${ui.sort.reverse ? ' ▴' : ''}`,
    filterLabel(ui.filter),
    ui.search && overlay?.kind !== 'search' ? `/${ui.search}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  // A message that needs the whole line (a crash loop names a path) gets it: where the cursor is
  // can wait, the message cannot.
  const showsMessage = overlay?.kind !== 'confirm' && overlay?.kind !== 'search';
  const crowded = showsMessage && !!message && cellWidth(message.text) + 1 + cellWidth(where) > width;
  const right = ui.screen === 'table' && !crowded ? where : '';

  let left;
  if (overlay?.kind === 'confirm') {
    left = (
      <Text bold color={theme.warn}>
        {overlay.question}
      </Text>
    );
  } else if (overlay?.kind === 'search') {
    left = (
      <Text>
        <Text color={theme.key}>/</Text>
        {overlay.draft}
        <Text inverse> </Text>
        <Text dimColor> Enter keeps · Esc clears</Text>
      </Text>
    );
  } else {
    left = <Text color={colour}>{message?.text ?? ''}</Text>;
  }

  return (
    <Box width={width} height={1}>
      <Box flexGrow={1} flexShrink={1}>
        <Text wrap="truncate">{left}</Text>
      </Box>
      {right ? (
        <Box flexShrink={0} marginLeft={1}>
          <Text dimColor>{right}</Text>
        </Box>
      ) : null}
    </Box>
  );
}

/** The shorter of "only a,b" and "hiding c,d". */
function filterLabel(filter: UiState['filter']): string {
  if (!filter) return '';
  const hidden = TRIAL_STATES.filter((s) => !filter.includes(s));
  return hidden.length < filter.length ? `hiding ${hidden.join(',')}` : `only ${filter.join(',') || 'nothing'}`;
}
