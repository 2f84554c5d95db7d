import { Text } from 'ink';
import { MIN_ROWS, MIN_WIDTH } from '../state/layout.js';

/** Below the minimum size a table would be unreadable: say so instead of drawing a broken one. */
export function TooSmall({ columns, rows }: { columns: number; rows: number }) {
  return (
    <Text wrap="truncate">
      Terminal {columns}×{rows} is too small: sweeptop needs {MIN_WIDTH}×{MIN_ROWS}. q quits.
    </Text>
  );
}
