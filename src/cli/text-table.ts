/** A plain-text table for headless output: columns padded, numbers right-aligned. */
import { safeText } from '../ui/format/safe-text.js';

export interface TextColumn {
  header: string;
  align?: 'left' | 'right';
  /** Longer cells are cut with an ellipsis. */
  maxWidth?: number;
}

export function textTable(columns: readonly TextColumn[], rows: ReadonlyArray<ReadonlyArray<string>>): string {
  const cut = (text: string, max?: number) => (max && text.length > max ? text.slice(0, max - 1) + '…' : text);
  // a cell may hold a trial's text (a parameter value, a reason): shown, never obeyed, by the terminal
  const cells = rows.map((row) => row.map((cell, i) => cut(safeText(cell), columns[i].maxWidth)));
  const widths = columns.map((column, i) => Math.max(column.header.length, ...cells.map((row) => row[i]?.length ?? 0)));
  const line = (row: ReadonlyArray<string>) =>
    row
      .map((cell, i) => (columns[i].align === 'right' ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n');
}
