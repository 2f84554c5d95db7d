/**
 * Sends the terminal only the cells of a frame that changed. Ink, even with its incremental
 * rendering, rewrites every line that changed in full: a running trial's row is rewritten, colours
 * and all, when one digit of its step moves, and with 16–32 trials running most rows move in every
 * frame. Here each changed run of cells is written at its place (cursor-addressed), so a new step
 * costs a cursor move and a few characters instead of a 150-byte row.
 *
 * It reads Ink's standard (non-incremental) output, which is the whole frame each time: an erase
 * of the previous frame (relative to the cursor, which Ink leaves on the line below its frame),
 * then the frame's text. The frame is drawn from the top-left corner of the alternate screen
 * (screen.ts), so cells are addressed from row 1. After each update the cursor is left where Ink
 * believes it is, on the line below the frame, so what Ink writes next still lands right.
 */
import { type FrameLine, readFrame, sgrFor } from './frame-cells.js';

const ESC = '\x1b';
/** Ink's erase of its previous frame: `eraseLines(n)`, or `clearTerminal` for a full repaint. */
const ERASE_PREVIOUS = /^(?:(?:\x1b\[2K\x1b\[1A)*\x1b\[2K\x1b\[G|\x1b\[2J(?:\x1b\[3J)?\x1b\[H)?/;
/** Writes that change no cell: cursor visibility, synchronised output on/off. */
const LEAVES_CELLS = /^(?:\x1b\[\?(?:25|2026)[hl])+$/;
const CLEAR = `${ESC}[H${ESC}[2J`;
const ERASE_TO_END_OF_LINE = `${ESC}[K`;
/** Unchanged cells between two changed ones that are rewritten rather than jumped over (a jump costs ~8 bytes). */
const JOIN_GAP = 6;

const NO_LINE: FrameLine = { chars: [], styles: [], raw: '', startStyle: '', exact: true };

export class FrameDiffer {
  /** What the terminal shows; null when unknown (before the first frame, after a write not understood). */
  private shown: FrameLine[] | null = null;
  private pen = '';
  private out = '';
  private row = -1;
  private col = -1;

  constructor(private readonly columns: () => number) {}

  /** What to send the terminal instead of `chunk`, one of Ink's writes. */
  translate(chunk: string): string {
    if (chunk === '' || LEAVES_CELLS.test(chunk)) return chunk;
    const erase = (ERASE_PREVIOUS.exec(chunk) as RegExpExecArray)[0];
    const frame = readFrame(chunk.slice(erase.length), this.columns());
    if (frame === null) {
      this.shown = null;
      return chunk;
    }
    const repaint = this.shown === null || erase.startsWith(`${ESC}[2J`);
    const before = repaint ? [] : (this.shown as FrameLine[]);
    this.out = repaint ? CLEAR : '';
    this.pen = '';
    this.row = this.col = repaint ? 0 : -1;
    for (let r = 0; r < Math.max(before.length, frame.length); r++) this.updateLine(r, before[r] ?? NO_LINE, frame[r] ?? NO_LINE);
    this.shown = frame;
    // blank lines added or dropped at the end change no cell, but where Ink believes the cursor is
    if (this.out === '' && frame.length === before.length) return '';
    if (this.pen !== '') this.out += sgrFor('');
    return `${this.out}${ESC}[${frame.length + 1}H`;
  }

  private updateLine(r: number, was: FrameLine, now: FrameLine): void {
    if (was.raw === now.raw && was.startStyle === now.startStyle) return;
    const wasEnd = contentEnd(was);
    const end = contentEnd(now);
    if (!was.exact || !now.exact) {
      this.moveTo(r, 0);
      this.setPen('');
      this.out += `${ESC}[2K${sgrFor(now.startStyle)}${now.raw}`;
      // the raw text leaves its own style and the cursor somewhere the cells do not say
      this.pen = '?';
      this.col = -1;
      return;
    }
    let c = 0;
    while (c < end) {
      if (sameCell(was, now, c)) {
        c++;
        continue;
      }
      // the changed run, joined across short unchanged gaps, widened to whole wide characters
      const start = now.chars[c] === '' ? c - 1 : c;
      let lastChanged = c;
      for (let k = c + 1; k < end && k - lastChanged <= JOIN_GAP; k++) if (!sameCell(was, now, k)) lastChanged = k;
      let stop = lastChanged + 1;
      if (now.chars[stop] === '') stop++;
      this.moveTo(r, start);
      for (let k = start; k < stop; k++) {
        if (now.chars[k] === '') continue;
        this.setPen(now.styles[k]);
        this.out += now.chars[k];
      }
      this.col = stop;
      c = stop;
    }
    if (wasEnd > end) {
      this.moveTo(r, end);
      this.setPen('');
      this.out += ERASE_TO_END_OF_LINE;
    }
  }

  private moveTo(r: number, c: number): void {
    if (r === this.row && c === this.col) return;
    this.out += c === 0 ? `${ESC}[${r + 1}H` : `${ESC}[${r + 1};${c + 1}H`;
    this.row = r;
    this.col = c;
  }

  private setPen(style: string): void {
    if (style === this.pen) return;
    this.out += sgrFor(style);
    this.pen = style;
  }
}

function sameCell(was: FrameLine, now: FrameLine, c: number): boolean {
  const inWas = c < was.chars.length;
  return (inWas ? was.chars[c] : ' ') === now.chars[c] && (inWas ? was.styles[c] : '') === now.styles[c];
}

/** The column after the last one that is not a blank in the default style. */
function contentEnd(line: FrameLine): number {
  let end = line.chars.length;
  while (end > 0 && line.chars[end - 1] === ' ' && line.styles[end - 1] === '') end--;
  return end;
}
