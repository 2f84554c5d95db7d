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
  /** The start of a line that an earlier chunk ended in the middle of. */
  private parts: Buffer[] = [];
  private partBytes = 0;
  /** The line whose `\r` ended the last chunk: a redraw unless the next chunk starts with `\n`. */
  private pendingReturn: string | null = null;
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
    if (this.pendingReturn !== null) {
      const text = this.pendingReturn;
      this.pendingReturn = null;
      if (chunk.length > 0 && chunk[0] === LF) {
        this.offset += 1;
        start = 1;
        lines.push({ text, ending: 'newline', endOffset: this.offset });
      } else {
        lines.push({ text, ending: 'return', endOffset: this.offset });
      }
    }
    let nextLf = chunk.indexOf(LF, start);
    let nextCr = chunk.indexOf(CR, start);
    while (nextLf !== -1 || nextCr !== -1) {
      const end = nextCr === -1 || (nextLf !== -1 && nextLf < nextCr) ? nextLf : nextCr;
      const text = this.lineText(chunk, start, end);
      let ending: LineEnding = 'newline';
      if (chunk[end] === LF) {
        this.offset += 1;
        start = end + 1;
      } else if (end + 1 === chunk.length) {
        this.offset += 1;
        this.pendingReturn = text;
        return lines;
      } else if (chunk[end + 1] === LF) {
        this.offset += 2;
        start = end + 2;
      } else {
        this.offset += 1;
        start = end + 1;
        ending = 'return';
      }
      lines.push({ text, ending, endOffset: this.offset });
      if (nextLf !== -1 && nextLf < start) nextLf = chunk.indexOf(LF, start);
      if (nextCr !== -1 && nextCr < start) nextCr = chunk.indexOf(CR, start);
    }
    this.hold(chunk, start, chunk.length);
    return lines;
  }

  /** The stream ended: a held `\r` line or an unterminated line comes out now. */
  end(): Line[] {
    if (this.pendingReturn !== null) {
      const text = this.pendingReturn;
      this.pendingReturn = null;
      return [{ text, ending: 'return', endOffset: this.offset }];
    }
    if (this.partBytes === 0) return [];
    return [{ text: this.takeHeld(), ending: 'eof', endOffset: this.offset }];
  }

  /**
   * The text of the line in `chunk[from, to)`, after what earlier chunks held of it. Nearly every
   * line lies within one chunk: it is decoded straight from the chunk, with no copy of its bytes.
   */
  private lineText(chunk: Buffer, from: number, to: number): string {
    if (this.partBytes > 0) {
      this.hold(chunk, from, to);
      return this.takeHeld();
    }
    this.offset += to - from;
    return chunk.toString('utf8', from, Math.min(to, from + this.maxLineBytes));
  }

  private hold(chunk: Buffer, from: number, to: number): void {
    const length = to - from;
    this.offset += length;
    const room = this.maxLineBytes - this.partBytes;
    if (length === 0 || room <= 0) return;
    this.parts.push(chunk.subarray(from, from + Math.min(length, room)));
    this.partBytes += Math.min(length, room);
  }

  private takeHeld(): string {
    const text = this.parts.length === 1 ? this.parts[0].toString('utf8') : Buffer.concat(this.parts, this.partBytes).toString('utf8');
    this.parts = [];
    this.partBytes = 0;
    return text;
  }
}
