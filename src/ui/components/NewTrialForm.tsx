/**
 * `n`: one field per tunable parameter, prefilled with the selected trial's values. Values are
 * checked against the parameter on Enter; the engine's refusal, if any, is shown here too.
 */
import { Box, Text } from 'ink';
import { fit } from '../format/text.js';
import { windowStart } from '../state/layout.js';
import type { Overlay } from '../state/ui-state.js';
import { useTheme } from '../theme/ThemeContext.js';

export function NewTrialForm({ form, height }: { form: Extract<Overlay, { kind: 'form' }>; height: number }) {
  const theme = useTheme();
  const nameWidth = Math.min(20, Math.max(...form.fields.map((f) => f.name.length)));
  const visible = Math.max(1, height - 3);
  const top = windowStart(0, form.focus, visible, form.fields.length);
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Text bold color={theme.accent} wrap="truncate">
        New trial — Tab/↓ next field · Enter add it · Esc cancel
      </Text>
      {form.fields.slice(top, top + visible).map((field, i) => {
        const focused = top + i === form.focus;
        return (
          <Text key={field.name} wrap="truncate">
            {focused ? '› ' : '  '}
            <Text bold={focused}>{fit(field.name, nameWidth)}</Text>{' '}
            <Text inverse={focused}>{fit(field.text + (focused ? '▏' : ''), 18)}</Text> <Text dimColor>{field.hint}</Text>
          </Text>
        );
      })}
      {form.busy ? <Text dimColor>adding…</Text> : null}
      {form.error ? (
        <Text color={theme.error} wrap="truncate">
          {form.error}
        </Text>
      ) : null}
    </Box>
  );
}
