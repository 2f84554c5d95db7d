/**
 * Reads a finished metrics file — a text log, CSV, JSON lines or TensorBoard events — exactly as
 * a sweep's file source would, and returns what `sweeptop metrics` prints: one point per
 * (name, step), the last value, in order of first appearance.
 */
import { createReadStream } from 'node:fs';
import type { ExtractedPoint } from '../../metrics/extractor.js';
import { PointCollector } from '../../metrics/point-collector.js';
import type { MetricRule } from '../../metrics/rules.js';
import type { LineParser } from '../../../plugin-api/parser.js';
import { createRecordParser, fileKind, type FileKind } from './file-kind.js';

export interface ReadMetricsOptions {
  /** For text logs. */
  parsers: LineParser[];
  rules: MetricRule[];
  onProblem(message: string): void;
}

export interface ReadMetricsResult {
  kind: FileKind;
  points: ExtractedPoint[];
}

/** Rejects with the stream's error (ENOENT, EACCES, EISDIR…) when the file cannot be read. */
export async function readMetricsFile(path: string, options: ReadMetricsOptions): Promise<ReadMetricsResult> {
  const kind = fileKind(path);
  const collector = new PointCollector();
  // a text log reports its points line by line, so that each keeps its place in the file
  const observe = (final: readonly ExtractedPoint[], provisional: readonly ExtractedPoint[]) => {
    for (const point of provisional) collector.see(point);
    collector.addAll(final);
  };
  const parser = createRecordParser(kind, {
    fillSteps: false,
    parsers: options.parsers,
    rules: options.rules,
    onProblem: options.onProblem,
    observe,
  });
  for await (const chunk of createReadStream(path)) {
    const points = parser.push(chunk as Buffer);
    if (kind !== 'text') collector.addAll(points);
  }
  const last = parser.end();
  if (kind !== 'text') collector.addAll(last);
  return { kind, points: collector.points };
}
