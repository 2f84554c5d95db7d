/**
 * Reading the analysis view's heat map off plain lines (a unit test's, or a tmux screen), as a
 * person would: the row named on the y axis, the column under its x-axis label.
 */

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The screen column under the middle of `label` on the x-axis label line, and the line index of the row labelled `row`. */
function locate(lines: readonly string[], row: string, column: string): { line: number; centre: number } {
  const axis = lines.findLastIndex((l) => /^\s*└─/.test(l));
  if (axis === -1) throw new Error('no x axis (└─) in the lines');
  const labels = lines[axis + 1] ?? '';
  const at = new RegExp(`(?<=^|\\s)${escape(column)}(?=\\s|$)`).exec(labels);
  if (!at) throw new Error(`no x label ${column} in: ${labels}`);
  const rowPattern = new RegExp(`^\\s*${escape(row)} ┤`);
  const line = lines.slice(0, axis).findLastIndex((l) => rowPattern.test(l));
  if (line === -1) throw new Error(`no y label ${row}`);
  return { line, centre: at.index + Math.floor((column.length - 1) / 2) };
}

/** What the cell at (`row`, `column`) says on its labelled line: its value (★ for the best), or '' when blank. */
export function cellText(lines: readonly string[], row: string, column: string): string {
  const { line, centre } = locate(lines, row, column);
  const text = lines[line];
  const start = [centre, centre - 1, centre + 1].find((i) => text[i] !== undefined && text[i] !== ' ');
  if (start === undefined) return '';
  let from = start;
  let to = start;
  while (from > 0 && text[from - 1] !== ' ') from--;
  while (to < text.length - 1 && text[to + 1] !== ' ') to++;
  return text.slice(from, to + 1);
}

/** The shade character on the line below the cell's value (cells two lines high or more). */
export function shadeAt(lines: readonly string[], row: string, column: string): string {
  const { line, centre } = locate(lines, row, column);
  return lines[line + 1]?.[centre] ?? '';
}
