/**
 * JSON-lines metric files (`metrics.jsonl`, one object per line): read with the json parser's
 * rules — numbers are metrics, nested objects give `val/acc`, a step/epoch key is the step, and
 * "nan"/"inf"/"-inf" strings are numbers. A line that is not a JSON object is reported once.
 */
import { LineSplitter } from '../line-splitter.js';
import type { ExtractedPoint } from '../../metrics/extractor.js';
import { StepFiller } from '../../metrics/step-filler.js';
import { parseJsonLine } from '../../../../plugins/parsers/json.js';
import type { RecordParser, RecordParserOptions } from './record-parser.js';

export class JsonLinesParser implements RecordParser {
  private readonly splitter: LineSplitter;
  private readonly filler: StepFiller | null;
  private lineEnd: number;
  private reportedBadLine = false;

  constructor(private readonly options: RecordParserOptions) {
    this.splitter = new LineSplitter(options.startOffset ?? 0);
    this.lineEnd = options.startOffset ?? 0;
    this.filler = options.fillSteps ? new StepFiller() : null;
  }

  get offset(): number {
    return this.lineEnd;
  }

  push(chunk: Buffer): ExtractedPoint[] {
    const points: ExtractedPoint[] = [];
    for (const line of this.splitter.push(chunk)) {
      this.read(line.text, points);
      this.lineEnd = line.endOffset;
    }
    return points;
  }

  end(): ExtractedPoint[] {
    const points: ExtractedPoint[] = [];
    for (const line of this.splitter.end()) this.read(line.text, points);
    return points;
  }

  private read(text: string, out: ExtractedPoint[]): void {
    if (text.trim() === '') return;
    const parsed = parseJsonLine(text);
    if (!parsed) {
      const at = this.lineEnd; // where this line starts
      if (!this.reportedBadLine) this.options.onProblem(`the line at byte ${at} is not a JSON object; such lines are skipped`);
      this.reportedBadLine = true;
      return;
    }
    for (const { name, step, value } of parsed.points) {
      if (step !== null) this.filler?.saw(step);
      out.push({ name, step: step ?? this.filler?.fill(name) ?? null, value });
    }
  }
}
