/**
 * A trial's full output, scrollable. In follow mode the newest line stays at the bottom; scrolling
 * up pins the view so new output does not move what is being read (`G` follows again).
 */
import { Box, Text } from 'ink';
import { expandTabs } from '../format/ansi.js';
import type { TrialLog } from '../hooks/use-trial-log.js';
import type { TrialView } from '../state/sweep-view.js';
import type { LogState } from '../state/ui-state.js';
import { useTheme } from '../theme/ThemeContext.js';

export interface LogViewProps {
  trial: TrialView | undefined;
  log: LogState;
  content: TrialLog;
  /** Lines of output shown (the title line not counted). */
  height: number;
}

export function LogView({ trial, log, content, height }: LogViewProps) {
  const theme = useTheme();
  const total = content.lines.length;
  const maxTop = Math.max(0, total - height);
  const top = log.follow ? maxTop : Math.min(log.top, maxTop);
  const shown = content.lines.slice(top, top + height);
  const position =
    total === 0 ? '' : log.follow ? `${total} lines · following` : `lines ${top + 1}-${top + shown.length} of ${total} · G follows`;
  const state = trial?.snapshot.state;

  return (
    <Box flexDirection="column" height={height + 1}>
      <Text wrap="truncate">
        <Text bold color={theme.accent}>
          log #{log.trialId} {log.stream}
        </Text>
        {state ? (
          <Text>
            {' '}
            <Text color={theme.state[state]}>{state}</Text>
          </Text>
        ) : null}
        <Text dimColor> {position}</Text>
      </Text>
      {content.loading ? <Text dimColor>reading…</Text> : null}
      {content.error ? <Text color={theme.error}>cannot read the log: {content.error}</Text> : null}
      {!content.loading && !content.error && total === 0 ? <Text dimColor>no {log.stream} output yet</Text> : null}
      {shown.map((line, i) => (
        <Text key={top + i} wrap="truncate">
          {expandTabs(line)}
        </Text>
      ))}
    </Box>
  );
}
