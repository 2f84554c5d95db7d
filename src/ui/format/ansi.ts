/** Small ANSI helpers: fewer bytes on the wire, and lines as a terminal would show them. */

const SGR = /\x1b\[(\d*)m/y;

/**
 * asciichart wraps every coloured cell in `colour + char + reset` (~10 bytes a cell). This emits a
 * colour only where it changes, and never for spaces (they look the same in any colour): a plot
 * shrinks to about a third, which matters at ten frames a second over SSH.
 */
export function compactColours(line: string): string {
  let out = '';
  let active = '';
  let pending = '';
  let i = 0;
  while (i < line.length) {
    SGR.lastIndex = i;
    const match = SGR.exec(line);
    if (match) {
      const code = match[1];
      pending = code === '' || code === '0' || code === '39' ? '' : match[0];
      i = SGR.lastIndex;
      continue;
    }
    const char = line[i++];
    if (char !== ' ' && pending !== active) {
      out += pending === '' ? '\x1b[39m' : pending;
      active = pending;
    }
    out += char;
  }
  if (active !== '') out += '\x1b[39m';
  return out;
}

/**
 * Collapses carriage-return redraws: a progress bar printing `10%\r20%\r30%` on one line shows
 * only `30%`, as the terminal did. A trailing `\r` (from `\r\n` files) is not a redraw.
 */
export function collapseReturns(line: string): string {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  const last = text.lastIndexOf('\r');
  if (last === -1) return text;
  const segments = text.split('\r');
  // An empty final segment means the bar was cleared and not redrawn: show the last real one.
  for (let i = segments.length - 1; i >= 0; i--) {
    if (segments[i] !== '') return segments[i];
  }
  return '';
}

/** Splits text into display lines, `\r` redraws collapsed. A final newline adds no empty line. */
export function splitOutput(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map(collapseReturns);
}

/**
 * Cuts a line into rows of at most `width` characters, for a log view that wraps: every character
 * is kept, and colour codes, which take no room, stay with the character they precede.
 */
export function hardWrap(line: string, width: number): string[] {
  if (width < 1) return [line];
  const rows: string[] = [];
  let row = '';
  let used = 0;
  let i = 0;
  while (i < line.length) {
    SGR.lastIndex = i;
    const match = SGR.exec(line);
    if (match) {
      row += match[0];
      i = SGR.lastIndex;
      continue;
    }
    const char = String.fromCodePoint(line.codePointAt(i)!);
    i += char.length;
    if (used === width) {
      rows.push(row);
      row = '';
      used = 0;
    }
    row += char;
    used++;
  }
  rows.push(row);
  return rows;
}

/** Tabs as four spaces: a terminal's tab stops depend on the column, which Ink does not know. */
export function expandTabs(line: string): string {
  return line.includes('\t') ? line.replace(/\t/g, '    ') : line;
}
