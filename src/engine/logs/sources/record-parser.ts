/**
 * The interface every log-file format implements (text, CSV, JSON lines, TensorBoard events):
 * bytes in, in order, from some offset; metric points out. Used by the sweep's file sources
 * (which tail files) and by `sweeptop metrics` (which reads a finished file) alike.
 */
import type { ExtractedPoint } from '../../metrics/extractor.js';

export interface RecordParser {
  /** The next bytes of the file; returns the points of the records they complete. */
  push(chunk: Buffer): ExtractedPoint[];
  /** No more bytes for now or ever: a last record without its terminator is read too. */
  end(): ExtractedPoint[];
  /** Byte offset just after the last complete record: where a restarted reader resumes. */
  readonly offset: number;
}

export interface RecordParserOptions {
  /** Byte offset the bytes start at (a resumed reader); 0 by default. */
  startOffset?: number;
  /**
   * True in a sweep: a record without a step gets the latest step seen in this file, or a
   * per-metric counter (see StepFiller). False for `sweeptop metrics`: the step stays null.
   */
  fillSteps: boolean;
  /** A problem with the file (bad row, CRC mismatch); each kind is reported once per file. */
  onProblem(message: string): void;
}
