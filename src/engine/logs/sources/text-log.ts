/**
 * A text log file (`train.log`): split into lines exactly as a trial's stdout is, and read by
 * the same parsers and rules. Only final points come out; values still being redrawn are
 * recorded when they are superseded or the file is done.
 */
import { LineSplitter, type LineEnding } from '../line-splitter.js';
import { MetricExtractor, type ExtractedPoint } from '../../metrics/extractor.js';
import type { MetricRule } from '../../metrics/rules.js';
import type { LineParser } from '../../../../plugins/parsers/types.js';
import type { RecordParser, RecordParserOptions } from './record-parser.js';

export interface TextLogOptions extends RecordParserOptions {
  parsers: LineParser[];
  rules: MetricRule[];
  /**
   * Told about each line's final and still-redrawn points, in line order (`sweeptop metrics`
   * places a point where the file first showed it, even while it was being redrawn).
   */
  observe?(final: readonly ExtractedPoint[], provisional: readonly ExtractedPoint[]): void;
}

export class TextLogParser implements RecordParser {
  private readonly splitter: LineSplitter;
  private readonly extractor: MetricExtractor;
  private lineEnd: number;

  constructor(private readonly options: TextLogOptions) {
    this.splitter = new LineSplitter(options.startOffset ?? 0);
    this.lineEnd = options.startOffset ?? 0;
    this.extractor = new MetricExtractor({ parsers: options.parsers, rules: options.rules, fillSteps: options.fillSteps });
  }

  get offset(): number {
    return this.lineEnd;
  }

  push(chunk: Buffer): ExtractedPoint[] {
    const points: ExtractedPoint[] = [];
    for (const line of this.splitter.push(chunk)) {
      this.take(line.text, line.ending, points);
      this.lineEnd = line.endOffset;
    }
    return points;
  }

  end(): ExtractedPoint[] {
    const points = this.push(Buffer.alloc(0));
    for (const line of this.splitter.end()) this.take(line.text, line.ending, points);
    const flushed = this.extractor.end();
    this.options.observe?.(flushed, []);
    points.push(...flushed);
    return points;
  }

  private take(text: string, ending: LineEnding, out: ExtractedPoint[]): void {
    const { final, provisional } = this.extractor.push(text, ending);
    if (final.length > 0 || provisional.length > 0) this.options.observe?.(final, provisional);
    for (const point of final) out.push(point);
  }
}
