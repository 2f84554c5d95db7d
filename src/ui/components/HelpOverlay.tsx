/** Every key, drawn from the key table (the same rows input handling uses), in columns that fit. */
import { Box, Text } from 'ink';
import { KEY_TABLE, helpText, type BindingScope, type KeyContext } from '../keys/key-table.js';
import { fit } from '../format/text.js';
import { useTheme } from '../theme/ThemeContext.js';

const SECTIONS: { title: string; context: KeyContext }[] = [
  { title: 'Table', context: 'table' },
  { title: 'Log view', context: 'log' },
  { title: 'Compare view', context: 'compare' },
  { title: 'Analysis view', context: 'analysis' },
  { title: 'Front view', context: 'front' },
];

export interface Line {
  label?: string;
  text: string;
  heading?: boolean;
}

export function helpLines(scope: BindingScope): Line[] {
  const lines: Line[] = [];
  for (const section of SECTIONS) {
    lines.push({ text: section.title, heading: true });
    const seen = new Set<string>();
    for (const binding of KEY_TABLE) {
      if (!binding.contexts.includes(section.context) || binding.helpedBy) continue;
      // Keys shared with an earlier section are listed there only.
      const earlier = SECTIONS.slice(0, SECTIONS.indexOf(section));
      if (earlier.some((s) => binding.contexts.includes(s.context))) continue;
      // A command bound in several rows of a context (e.g. Esc) is listed once.
      const id = `${binding.command}:${binding.label}`;
      if (seen.has(id)) continue;
      seen.add(id);
      lines.push({ label: binding.label, text: helpText(binding, scope) });
    }
  }
  lines.push({ text: 'Marks', heading: true });
  // with several objectives the table's ★ marks every trial on the Pareto front
  lines.push({ label: '★', text: (scope.objectives ?? 1) > 1 ? 'on the front  › cursor' : 'best trial    › cursor' });
  lines.push({ label: '▲', text: 'promoted      ● marked' });
  return lines;
}

export function HelpOverlay({ width, height, scope }: { width: number; height: number; scope: BindingScope }) {
  const theme = useTheme();
  const lines = helpLines(scope);
  const chunks = packColumns(lines, Math.max(2, height - 1));
  const columnWidth = Math.floor(width / chunks.length);

  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Text bold color={theme.accent} wrap="truncate">
        Keys — Esc, q or ? closes
      </Text>
      <Box flexDirection="row">
        {chunks.map((chunk, c) => (
          <Box key={c} flexDirection="column" width={columnWidth} paddingRight={1}>
            {chunk.map((line, i) =>
              line.heading ? (
                <Text key={i} bold underline wrap="truncate">
                  {line.text}
                </Text>
              ) : (
                <Text key={i} wrap="truncate">
                  <Text bold color={theme.key}>
                    {fit(line.label ?? '', 8)}
                  </Text>
                  {line.text}
                </Text>
              ),
            )}
          </Box>
        ))}
      </Box>
    </Box>
  );
}

/**
 * Fills columns of `rows` lines in reading order. A heading never ends a column (it moves on with
 * its first key), and a section that goes on in the next column is titled again there.
 */
export function packColumns(lines: readonly Line[], rows: number): Line[][] {
  const columns: Line[][] = [[]];
  let section = '';
  for (const line of lines) {
    let column = columns[columns.length - 1];
    const room = rows - column.length;
    if (line.heading) section = line.text;
    if (room === 0 || (line.heading && room < 2)) {
      column = [];
      columns.push(column);
      if (!line.heading) column.push({ text: `${section} (continued)`, heading: true });
    }
    column.push(line);
  }
  return columns;
}
