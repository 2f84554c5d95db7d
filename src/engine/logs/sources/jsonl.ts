/**
 * JSON-lines metric files (`metrics.jsonl`, one object per line): read with the json parser's
 * rules — numbers are metrics, nested objects give `val/acc`, a step/epoch key is the step, and
 * "nan"/"inf"/"-inf" strings are numbers. A line that is not a JSON object is reported once.
 */
import type { LineEnding } from '../line-splitter.js';
import type { ExtractedPoint } from '../../metrics/extractor.js';
import { StepFiller } from '../../metrics/step-filler.js';
import { parseJsonLine } from '../../../plugin-api/object-points.js';
import { LineRecordParser } from './line-records.js';
import type { RecordParserOptions } from './record-parser.js';

export class JsonLinesParser extends LineRecordParser {
  private readonly filler: StepFiller | null;
  private reportedBadLine = false;

  constructor(private readonly options: RecordParserOptions) {
    super(options.startOffset);
    this.filler = options.fillSteps ? new StepFiller() : null;
  }

  protected readLine(text: string, _ending: LineEnding, out: ExtractedPoint[]): void {
    if (text.trim() === '') return;
    const parsed = parseJsonLine(text);
    if (!parsed) {
      const at = this.offset; // where this line starts
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
