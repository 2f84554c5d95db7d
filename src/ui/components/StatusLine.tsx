/**
 * The line above the footer: a question being asked (kill? quit?), the search being typed, or the
 * latest message (the engine's answer to a key, a warning); on the right, where the cursor is and
 * which sort, filter and search are active. A message wider than the line is wrapped onto more
 * lines, never cut (a prune reason, a path to resume from): statusLineHeight says how many.
 */
import { Box, Text } from 'ink';
import { TRIAL_STATES } from '../../plugin-api/trial-state.js';
import type { StatusMessage, SweepView } from '../state/sweep-view.js';
import { describeHookFailure } from '../../engine/hooks/describe-failure.js';
import type { UiState } from '../state/ui-state.js';
import { cellWidth } from '../format/text.js';
import { wrapWords } from '../format/wrap.js';
import { useTheme } from '../theme/ThemeContext.js';

export interface StatusLineProps {
  view: SweepView;
  ui: UiState;
  cursor: number;
  total: number;
  width: number;
  /** Lines it may take (see statusLineHeight). @default 1 */
  height?: number;
}

/**
 * The message shown: the UI's own (an answer to a key) unless the engine spoke since; with
 * neither (a view just attached), the sweep's last hook failure, which a notification-minded user
 * must not miss.
 */
function currentMessage(view: SweepView, ui: UiState): StatusMessage | undefined {
  const latest = view.messages[view.messages.length - 1];
  const shown = ui.status && (!latest || ui.status.time >= latest.time) ? ui.status : latest;
  const hook = view.info.hookFailure;
  return shown ?? (hook ? { time: hook.time, level: 'error', text: `last ${describeHookFailure(hook)}` } : undefined);
}

/** The message's lines when it needs more than one line of `width`; null when it fits in one. */
function wrappedMessage(view: SweepView, ui: UiState, width: number): string[] | null {
  const overlay = ui.overlay;
  if (overlay?.kind === 'confirm' || overlay?.kind === 'search') return null;
  const text = currentMessage(view, ui)?.text;
  if (!text || cellWidth(text) <= width) return null;
  return wrapWords(text, width);
}

/** Lines the status line takes at `width`, at most `max`. */
export function statusLineHeight(view: SweepView, ui: UiState, width: number, max: number): number {
  return Math.max(1, Math.min(max, wrappedMessage(view, ui, width)?.length ?? 1));
}

export function StatusLine({ view, ui, cursor, total, width, height = 1 }: StatusLineProps) {
  const theme = useTheme();
  const overlay = ui.overlay;
  const message = currentMessage(view, ui);
  const colour = message?.level === 'error' ? theme.error : message?.level === 'warn' ? theme.warn : undefined;
  const wrapped = wrappedMessage(view, ui, width);
  if (wrapped && height > 1) {
    // whole lines: Ink's own wrapping would break the text where it likes and change the height
    const lines = wrapped.length <= height ? wrapped : [...wrapped.slice(0, height - 1), wrapped.slice(height - 1).join(' ')];
    return (
      <Box flexDirection="column" width={width} height={lines.length}>
        {lines.map((line, i) => (
          <Text key={i} wrap="truncate" color={colour}>
            {line}
          </Text>
        ))}
      </Box>
    );
  }

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
