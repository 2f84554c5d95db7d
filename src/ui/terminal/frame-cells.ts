/**
 * A frame as the terminal shows it: Ink's frame text (lines of text and SGR colour codes) read
 * into cells, each a character and the style it is drawn in, so that two frames can be compared
 * cell by cell (frame-diff.ts). Anything else in the text (cursor moves, control characters, an
 * SGR code this model does not know) makes the frame unreadable: null, and it is sent as Ink wrote it.
 */
import stringWidth from 'fast-string-width';

export interface FrameLine {
  /** One entry per column; '' is the second column of a wide character. */
  chars: string[];
  /** The SGR parameters each column is drawn with, canonical ('' is the default style). */
  styles: string[];
  /** The line as Ink wrote it, and the style in force where it starts. */
  raw: string;
  startStyle: string;
  /**
   * False when the line holds characters whose width terminals disagree on (emoji, combining
   * marks, variation selectors): such a line is rewritten whole when it changes, never in part.
   */
  exact: boolean;
}

const SGR = /\x1b\[([0-9;]*)m/y;

/** The style SGR codes leave in force, as a terminal keeps it. */
class Pen {
  private attributes = 0;
  private fg = '';
  private bg = '';
  key = '';

  /** False for a code this model does not know. */
  apply(parameters: string): boolean {
    const codes = parameters === '' ? ['0'] : parameters.split(';');
    for (let k = 0; k < codes.length; k++) {
      const n = Number(codes[k]);
      if (n === 0) {
        this.attributes = 0;
        this.fg = this.bg = '';
      } else if (n >= 1 && n <= 9 && n !== 6) this.attributes |= 1 << n;
      else if (n === 22) this.attributes &= ~((1 << 1) | (1 << 2));
      else if (n >= 23 && n <= 29 && n !== 26) this.attributes &= ~(1 << (n - 20));
      else if ((n >= 30 && n <= 37) || (n >= 90 && n <= 97)) this.fg = String(n);
      else if (n === 39) this.fg = '';
      else if ((n >= 40 && n <= 47) || (n >= 100 && n <= 107)) this.bg = String(n);
      else if (n === 49) this.bg = '';
      else if (n === 38 || n === 48) {
        // 256 colours (38;5;N) or true colour (38;2;R;G;B)
        const length = codes[k + 1] === '5' ? 2 : codes[k + 1] === '2' ? 4 : -1;
        if (length < 0 || k + length >= codes.length) return false;
        const colour = codes.slice(k, k + length + 1).join(';');
        if (n === 38) this.fg = colour;
        else this.bg = colour;
        k += length;
      } else return false;
    }
    const parts: string[] = [];
    for (let bit = 1; bit <= 9; bit++) if (this.attributes & (1 << bit)) parts.push(String(bit));
    if (this.fg) parts.push(this.fg);
    if (this.bg) parts.push(this.bg);
    this.key = parts.join(';');
    return true;
  }
}

/** The escape sequence that sets the terminal's style to `style` (a key of FrameLine.styles). */
export function sgrFor(style: string): string {
  return style === '' ? '\x1b[0m' : `\x1b[0;${style}m`;
}

/** Reads a frame's text (without Ink's erase prefix); null if it holds more than text and colours or a line wider than `columns`. */
export function readFrame(text: string, columns: number): FrameLine[] | null {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const pen = new Pen();
  const frame: FrameLine[] = [];
  for (const raw of lines) {
    const line = readLine(raw, pen);
    if (line === null || line.chars.length > columns) return null;
    frame.push(line);
  }
  return frame;
}

function readLine(raw: string, pen: Pen): FrameLine | null {
  const line: FrameLine = { chars: [], styles: [], raw, startStyle: pen.key, exact: true };
  const { chars, styles } = line;
  let i = 0;
  while (i < raw.length) {
    const code = raw.charCodeAt(i);
    if (code === 0x1b) {
      SGR.lastIndex = i;
      const sgr = SGR.exec(raw);
      if (sgr === null || !pen.apply(sgr[1])) return null;
      i = SGR.lastIndex;
      continue;
    }
    if (code < 0x20 || code === 0x7f) return null;
    if (code < 0x7f) {
      chars.push(raw[i]);
      styles.push(pen.key);
      i++;
      continue;
    }
    const point = raw.codePointAt(i) as number;
    const char = String.fromCodePoint(point);
    i += char.length;
    const width = stringWidth(char);
    if (width === 0 || point >= 0x1f000 || (point >= 0xfe00 && point <= 0xfe0f)) line.exact = false;
    if (width === 0) {
      if (chars.length > 0) chars[chars.length - 1] += char;
      continue;
    }
    chars.push(char);
    styles.push(pen.key);
    if (width === 2) {
      chars.push('');
      styles.push(pen.key);
    }
  }
  return line;
}
