/**
 * A text log file (`train.log`): split into lines exactly as a trial's stdout is, and read by
 * the same parsers and rules. Only final points come out; values still being redrawn are
 * recorded when they are superseded or the file is done.
 */
import type { LineEnding } from '../line-splitter.js';
import { MetricExtractor, type ExtractedPoint } from '../../metrics/extractor.js';
import type { MetricRule } from '../../metrics/rules.js';
import type { EchoedValue, LineParser } from '../../../plugin-api/parser.js';
import { LineRecordParser } from './line-records.js';
import type { RecordParserOptions } from './record-parser.js';

export interface TextLogOptions extends RecordParserOptions {
  parsers: LineParser[];
  rules: MetricRule[];
  /**
   * Told about each line's final and still-redrawn points, in line order (`sweeptop metrics`
   * places a point where the file first showed it, even while it was being redrawn).
   */
  observe?(final: readonly ExtractedPoint[], provisional: readonly ExtractedPoint[], echoed?: Record<string, EchoedValue>): void;
}

export class TextLogParser extends LineRecordParser {
  private readonly extractor: MetricExtractor;

  constructor(private readonly options: TextLogOptions) {
    super(options.startOffset);
    this.extractor = new MetricExtractor({ parsers: options.parsers, rules: options.rules, fillSteps: options.fillSteps });
  }

  /** What is still being redrawn when the file ends is final. */
  override end(): ExtractedPoint[] {
    const points = this.push(Buffer.alloc(0));
    points.push(...super.end());
    const flushed = this.extractor.end();
    this.options.observe?.(flushed, []);
    points.push(...flushed);
    return points;
  }

  protected readLine(text: string, ending: LineEnding, out: ExtractedPoint[]): void {
    const { final, provisional, echoed } = this.extractor.push(text, ending);
    if (final.length > 0 || provisional.length > 0 || echoed !== undefined) this.options.observe?.(final, provisional, echoed);
    for (const point of final) out.push(point);
  }
}
