/**
 * TensorBoard event files (`events.out.tfevents.*`): TFRecord-framed Event messages. Each scalar
 * summary value is a point named by its tag (`train/loss`, `Loss/val`) at the event's step.
 * Corrupt records are reported once per kind, with the byte offset of the first one.
 */
import type { ExtractedPoint } from '../../metrics/extractor.js';
import type { RecordParser, RecordParserOptions } from './record-parser.js';
import { TFRecordReader, type FramingProblem } from './tfrecord.js';
import { scalarsOfEvent } from './tensorboard-proto.js';

export class TfEventsParser implements RecordParser {
  private readonly reader: TFRecordReader;
  private readonly reported = new Set<string>();

  constructor(private readonly options: RecordParserOptions) {
    this.reader = new TFRecordReader(options.startOffset ?? 0);
  }

  get offset(): number {
    return this.reader.offset;
  }

  push(chunk: Buffer): ExtractedPoint[] {
    const points: ExtractedPoint[] = [];
    for (const data of this.reader.push(chunk, (problem) => this.framingProblem(problem))) {
      try {
        for (const { tag, step, value } of scalarsOfEvent(data)) points.push({ name: tag, step, value });
      } catch {
        this.report('bad-event', 'a record is not a TensorBoard Event (protobuf decoding failed); skipped');
      }
    }
    return points;
  }

  end(): ExtractedPoint[] {
    if (this.reader.leftover > 0)
      this.report('truncated', `the last record is incomplete (${this.reader.leftover} bytes); it may still be being written`);
    return [];
  }

  private framingProblem(problem: FramingProblem): void {
    if (problem.kind === 'bad-length') {
      this.report(problem.kind, `corrupt record length at byte ${problem.at} (CRC mismatch); the rest of the file is not read`);
    } else {
      this.report(problem.kind, `corrupt record at byte ${problem.at} (data CRC mismatch); skipped`);
    }
  }

  private report(kind: string, message: string): void {
    if (this.reported.has(kind)) return;
    this.reported.add(kind);
    this.options.onProblem(message);
  }
}
