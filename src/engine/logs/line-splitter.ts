/**
 * Splits a byte stream into lines the way a terminal shows them: a line ends at `\n`, `\r\n`,
 * or a lone `\r` (a progress bar redrawing itself). Works on bytes so that offsets stay exact and
 * a multi-byte character split across two reads is never mangled; invalid UTF-8 decodes to U+FFFD.
 */

/** How a line ended: `return` marks a progress-bar redraw; `eof` a partial line at the end. */
export type LineEnding = 'newline' | 'return' | 'eof';

export interface Line {
  /** The text without its terminator; ANSI escapes are kept (see cleanLine). */
  text: string;
  ending: LineEnding;
  /** Byte offset in the stream just after the line's terminator. */
  endOffset: number;
}

const LF = 0x0a;
const CR = 0x0d;

/** Lines longer than this keep their first bytes only; the rest is skipped, not buffered. */
export const DEFAULT_MAX_LINE_BYTES = 1 << 20;

export class LineSplitter {
  private parts: Buffer[] = [];
  private partBytes = 0;
  /** A `\r` ended the last chunk: it is a redraw unless the next chunk starts with `\n`. */
  private pendingReturn = false;
  private offset: number;

  constructor(
    startOffset = 0,
    private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES,
  ) {
    this.offset = startOffset;
  }

  /** Byte offset of everything consumed so far, including a held partial line. */
  get consumed(): number {
    return this.offset;
  }

  push(chunk: Buffer): Line[] {
    const lines: Line[] = [];
    let start = 0;
    if (this.pendingReturn) {
      this.pendingReturn = false;
      if (chunk.length > 0 && chunk[0] === LF) {
        this.offset += 1;
        lines.push(this.take('newline'));
        start = 1;
      } else {
        lines.push(this.take('return'));
      }
    }
    let nextLf = chunk.indexOf(LF, start);
    let nextCr = chunk.indexOf(CR, start);
    while (nextLf !== -1 || nextCr !== -1) {
      const end = nextCr === -1 || (nextLf !== -1 && nextLf < nextCr) ? nextLf : nextCr;
      this.append(chunk, start, end);
      if (chunk[end] === LF) {
        this.offset += 1;
        lines.push(this.take('newline'));
        start = end + 1;
      } else if (end + 1 === chunk.length) {
        this.offset += 1;
        this.pendingReturn = true;
        return lines;
      } else if (chunk[end + 1] === LF) {
        this.offset += 2;
        lines.push(this.take('newline'));
        start = end + 2;
      } else {
        this.offset += 1;
        lines.push(this.take('return'));
        start = end + 1;
      }
      if (nextLf !== -1 && nextLf < start) nextLf = chunk.indexOf(LF, start);
      if (nextCr !== -1 && nextCr < start) nextCr = chunk.indexOf(CR, start);
    }
    this.append(chunk, start, chunk.length);
    return lines;
  }

  /** The stream ended: a held `\r` line or an unterminated line comes out now. */
  end(): Line[] {
    if (this.pendingReturn) {
      this.pendingReturn = false;
      return [this.take('return')];
    }
    return this.partBytes > 0 || this.parts.length > 0 ? [this.take('eof')] : [];
  }

  private append(chunk: Buffer, from: number, to: number): void {
    const length = to - from;
    this.offset += length;
    const room = this.maxLineBytes - this.partBytes;
    if (length === 0 || room <= 0) return;
    this.parts.push(chunk.subarray(from, from + Math.min(length, room)));
    this.partBytes += Math.min(length, room);
  }

  private take(ending: LineEnding): Line {
    const text =
      this.parts.length === 1 ? this.parts[0].toString('utf8') : Buffer.concat(this.parts, this.partBytes).toString('utf8');
    this.parts = [];
    this.partBytes = 0;
    return { text, ending, endOffset: this.offset };
  }
}
