/**
 * Splits a byte stream into lines the way a terminal shows them: a line ends at `\n`, `\r\n`,
 * or a lone `\r` (a progress bar redrawing itself). Works on bytes so that offsets stay exact and
 * a multi-byte character split across two reads is never mangled; invalid UTF-8 decodes to U+FFFD.
 */

/** How a line ended: `return` marks a progress-bar redraw; `eof` a partial line at the end. */
export type LineEnding = 'newline' | 'return' | 'eof';

export interface Line {
  /** The text without its terminator; ANSI escapes are kept (see cleanLine). Its head, if cut. */
  text: string;
  ending: LineEnding;
  /** Byte offset in the stream just after the line's terminator. */
  endOffset: number;
  /** Set when the line was longer than the splitter keeps: `text` is its head. */
  cut?: LineCut;
}

export interface LineCut {
  /** The line's last CUT_TAIL_BYTES at most (a metric printed at the end of a long line). */
  tail: string;
  /** The whole line's length in bytes, without its terminator. */
  bytes: number;
}

const LF = 0x0a;
const CR = 0x0d;

/** Lines longer than this keep their first bytes and their last CUT_TAIL_BYTES; the rest is skipped, not buffered. */
export const DEFAULT_MAX_LINE_BYTES = 1 << 20;
/** How much of the end of a cut line is kept. */
export const CUT_TAIL_BYTES = 1 << 16;

export class LineSplitter {
  /** The start of a line that an earlier chunk ended in the middle of. */
  private parts: Buffer[] = [];
  private partBytes = 0;
  /** The held line's bytes past those kept in `parts`: its last CUT_TAIL_BYTES. */
  private overflow: Buffer | null = null;
  private overflowBytes = 0;
  /** How the line just taken was cut, for the Line being built. */
  private cut: LineCut | undefined = undefined;
  private pendingCut: LineCut | undefined = undefined;
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
        lines.push(this.line(text, 'newline', this.pendingCut));
      } else {
        lines.push(this.line(text, 'return', this.pendingCut));
      }
      this.pendingCut = undefined;
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
        this.pendingCut = this.takeCut();
        return lines;
      } else if (chunk[end + 1] === LF) {
        this.offset += 2;
        start = end + 2;
      } else {
        this.offset += 1;
        start = end + 1;
        ending = 'return';
      }
      lines.push(this.line(text, ending, this.takeCut()));
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
      const cut = this.pendingCut;
      this.pendingCut = undefined;
      return [this.line(text, 'return', cut)];
    }
    if (this.partBytes === 0) return [];
    const text = this.takeHeld();
    return [this.line(text, 'eof', this.takeCut())];
  }

  private line(text: string, ending: LineEnding, cut: LineCut | undefined): Line {
    // the property only on the rare cut line: every other line keeps the three-field shape
    return cut === undefined ? { text, ending, endOffset: this.offset } : { text, ending, endOffset: this.offset, cut };
  }

  private takeCut(): LineCut | undefined {
    const cut = this.cut;
    this.cut = undefined;
    return cut;
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
    const length = to - from;
    this.offset += length;
    if (length > this.maxLineBytes) {
      this.cut = { tail: chunk.toString('utf8', Math.max(from + this.maxLineBytes, to - CUT_TAIL_BYTES), to), bytes: length };
    }
    return chunk.toString('utf8', from, Math.min(to, from + this.maxLineBytes));
  }

  private hold(chunk: Buffer, from: number, to: number): void {
    const length = to - from;
    this.offset += length;
    const room = this.maxLineBytes - this.partBytes;
    if (length === 0) return;
    const kept = Math.max(0, Math.min(length, room));
    if (kept > 0) {
      this.parts.push(chunk.subarray(from, from + kept));
      this.partBytes += kept;
    }
    if (kept < length) this.keepOverflow(chunk.subarray(from + kept, to));
  }

  /** Bytes past a long line's head: only its last CUT_TAIL_BYTES are kept, copied. */
  private keepOverflow(bytes: Buffer): void {
    this.overflowBytes += bytes.length;
    const tail = bytes.length >= CUT_TAIL_BYTES ? bytes.subarray(bytes.length - CUT_TAIL_BYTES) : bytes;
    const joined = this.overflow === null ? tail : Buffer.concat([this.overflow, tail]);
    this.overflow = Buffer.from(joined.subarray(Math.max(0, joined.length - CUT_TAIL_BYTES)));
  }

  private takeHeld(): string {
    const text = this.parts.length === 1 ? this.parts[0].toString('utf8') : Buffer.concat(this.parts, this.partBytes).toString('utf8');
    if (this.overflow !== null) this.cut = { tail: this.overflow.toString('utf8'), bytes: this.partBytes + this.overflowBytes };
    this.parts = [];
    this.partBytes = 0;
    this.overflow = null;
    this.overflowBytes = 0;
    return text;
  }
}
