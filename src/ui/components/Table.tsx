/**
 * A small table: one <Text> line per row, memoised, and only the rows it is given (the caller
 * passes the visible slice). Written instead of ink-table, which cannot load under Ink 6
 * (ERR_REQUIRE_ASYNC_MODULE) and whose ESM fork re-mounts every row on each change (2.5–3× the CPU).
 * It keeps ink-table's options: which columns, in what order, their alignment and the padding.
 */
import { memo } from 'react';
import { Box, Text } from 'ink';
import type { Colour } from '../theme/theme.js';
import { fit } from '../format/text.js';
import { paint } from '../theme/paint.js';

export interface TableColumn {
  key: string;
  header: string;
  width: number;
  /** @default 'left' */
  align?: 'left' | 'right';
}

export interface TableCell {
  text: string;
  colour?: Colour;
  bold?: boolean;
}

export interface TableRowData {
  key: string | number;
  /** One per column, same order. */
  cells: readonly TableCell[];
  /** Instead of cells: one line across the columns (a trial's run, under its trial). */
  line?: TableCell;
  /** Drawn in inverse video. */
  selected?: boolean;
}

export interface TableProps {
  columns: readonly TableColumn[];
  rows: readonly TableRowData[];
  /** Spaces between columns. @default 1 */
  padding?: number;
  headerColour?: Colour;
  /** Shown instead of rows when there are none. */
  empty?: string;
  /** Lines the body takes (rows are padded with blank lines), so the layout below never jumps. */
  height?: number;
}

export function Table({ columns, rows, padding = 1, headerColour, empty, height }: TableProps) {
  const gap = ' '.repeat(padding);
  const header = columns.map((c) => fit(c.header, c.width, c.align)).join(gap);
  return (
    <Box flexDirection="column" height={height === undefined ? undefined : height + 1}>
      <Text bold color={headerColour} wrap="truncate">
        {header}
      </Text>
      {rows.length === 0 && empty ? (
        <Text dimColor wrap="truncate">
          {empty}
        </Text>
      ) : (
        rows.map((row) =>
          row.line ? (
            <Text key={row.key} color={row.line.colour} dimColor={row.line.colour === undefined} wrap="truncate">
              {row.line.text}
            </Text>
          ) : (
            <TableRow key={row.key} columns={columns} cells={row.cells} selected={row.selected ?? false} gap={gap} />
          ),
        )
      )}
    </Box>
  );
}

interface TableRowProps {
  columns: readonly TableColumn[];
  cells: readonly TableCell[];
  selected: boolean;
  gap: string;
}

/** The whole row is one string with its colours inline: one text node per row for Ink. */
function TableRowView({ columns, cells, selected, gap }: TableRowProps) {
  const line = columns
    .map((column, i) => {
      const cell = cells[i] ?? { text: '' };
      return paint(fit(cell.text, column.width, column.align), cell.colour, cell.bold);
    })
    .join(gap);
  return (
    <Text inverse={selected} wrap="truncate">
      {line}
    </Text>
  );
}

function sameRow(a: TableRowProps, b: TableRowProps): boolean {
  if (a.columns !== b.columns || a.selected !== b.selected || a.gap !== b.gap || a.cells.length !== b.cells.length) return false;
  for (let i = 0; i < a.cells.length; i++) {
    const x = a.cells[i];
    const y = b.cells[i];
    if (x.text !== y.text || x.colour !== y.colour || x.bold !== y.bold) return false;
  }
  return true;
}

/** Re-renders only when a cell's text or colour changed: most rows of a big sweep are idle. */
export const TableRow = memo(TableRowView, sameRow);
