/**
 * Cuts a socket's byte stream into `\n`-terminated lines for the control protocol. A line over
 * the limit is never buffered whole: it is reported once as too long and skipped up to its
 * newline, so a peer cannot make us hold more than `maxLineBytes` by never sending one.
 */

export type Frame = { kind: 'line'; text: string } | { kind: 'tooLong'; bytes: number };

const LF = 0x0a;

export class LineFramer {
  private parts: Buffer[] = [];
  private held = 0;
  /** Bytes of an oversized line seen so far; -1 while not skipping one. */
  private skipped = -1;

  constructor(private readonly maxLineBytes: number) {}

  push(chunk: Buffer): Frame[] {
    const frames: Frame[] = [];
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(LF, start);
      const end = newline === -1 ? chunk.length : newline;
      if (this.skipped >= 0) this.skipped += end - start;
      else if (this.held + end - start > this.maxLineBytes) this.startSkipping(end - start);
      else if (end > start) this.hold(chunk.subarray(start, end));
      if (newline === -1) break;
      frames.push(this.take());
      start = newline + 1;
    }
    return frames;
  }

  private hold(part: Buffer): void {
    // a subarray of a chunk the socket hands over once; it is not reused, so no copy is needed
    this.parts.push(part);
    this.held += part.length;
  }

  private startSkipping(bytes: number): void {
    this.skipped = this.held + bytes;
    this.parts = [];
    this.held = 0;
  }

  private take(): Frame {
    if (this.skipped >= 0) {
      const bytes = this.skipped;
      this.skipped = -1;
      return { kind: 'tooLong', bytes };
    }
    const text = this.parts.length === 1 ? this.parts[0].toString('utf8') : Buffer.concat(this.parts, this.held).toString('utf8');
    this.parts = [];
    this.held = 0;
    return { kind: 'line', text };
  }
}
