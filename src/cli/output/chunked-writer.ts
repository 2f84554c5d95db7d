/**
 * Text for a stream, gathered into large writes, waiting for the stream when it is full: a
 * command printing millions of lines neither makes a write call per line nor holds in memory what
 * a slow reader has not taken yet.
 */
import { once } from 'node:events';

const CHUNK_CHARS = 64 * 1024;

export class ChunkedWriter {
  private parts: string[] = [];
  private chars = 0;

  constructor(private readonly stream: NodeJS.WritableStream) {}

  add(text: string): void {
    this.parts.push(text);
    this.chars += text.length;
  }

  /** Enough is gathered for one write: flush() it (an await per line would cost more than the line). */
  get full(): boolean {
    return this.chars >= CHUNK_CHARS;
  }

  /** Writes what is gathered; resolves when the stream can take more. */
  async flush(): Promise<void> {
    if (this.chars === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.chars = 0;
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }
}
