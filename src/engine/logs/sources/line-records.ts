/**
 * What every line-based log format shares (text logs, CSV, JSON lines): bytes split into lines as
 * they come, each complete line read into points, and the offset just after the last complete
 * line kept for a reader that restarts. A format says only how it reads one line.
 */
import { LineSplitter, type LineEnding } from '../line-splitter.js';
import type { ExtractedPoint } from '../../metrics/extractor.js';
import type { RecordParser } from './record-parser.js';

export abstract class LineRecordParser implements RecordParser {
  private readonly splitter: LineSplitter;
  private lineEnd: number;

  protected constructor(startOffset = 0) {
    this.splitter = new LineSplitter(startOffset);
    this.lineEnd = startOffset;
  }

  /** Just after the last complete line; while a line is being read, where that line starts. */
  get offset(): number {
    return this.lineEnd;
  }

  push(chunk: Buffer): ExtractedPoint[] {
    const points: ExtractedPoint[] = [];
    for (const line of this.splitter.push(chunk)) {
      this.readLine(line.text, line.ending, points);
      this.lineEnd = line.endOffset;
    }
    return points;
  }

  end(): ExtractedPoint[] {
    const points: ExtractedPoint[] = [];
    for (const line of this.splitter.end()) this.readLine(line.text, line.ending, points);
    return points;
  }

  /** Reads one line (its terminator removed), adding its points to `out`. */
  protected abstract readLine(text: string, ending: LineEnding, out: ExtractedPoint[]): void;
}
