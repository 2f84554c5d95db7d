/**
 * Plain-text fitting helpers for table cells. Widths count code points: cells hold numbers, state
 * words and parameter values, and string-width is only a transitive dependency of Ink (not ours to
 * import). A wide CJK parameter value may therefore overrun its cell by a few columns; Ink's
 * `wrap="truncate"` on the row still keeps the line inside the terminal.
 */

export function cellWidth(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Cuts `text` to `width` cells, marking the cut with '…'. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  const chars = [...text];
  if (chars.length <= width) return text;
  return chars.slice(0, width - 1).join('') + '…';
}

/** Truncates, then pads to exactly `width` cells, on the side `align` says. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const cut = truncate(text, width);
  const gap = ' '.repeat(Math.max(0, width - cellWidth(cut)));
  return align === 'left' ? cut + gap : gap + cut;
}
