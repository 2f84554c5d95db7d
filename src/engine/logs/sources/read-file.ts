/**
 * Reads a finished metrics file — a text log, CSV, JSON lines or TensorBoard events — exactly as
 * a sweep reads a trial's output (steps filled, contexts kept, echoed configuration apart), and
 * returns what `sweeptop metrics` prints: one point per (context, name, step), the last value, in
 * order of first appearance.
 */
import { createReadStream } from 'node:fs';
import type { ExtractedPoint } from '../../metrics/extractor.js';
import { PointCollector } from '../../metrics/point-collector.js';
import type { MetricRule } from '../../metrics/rules.js';
import type { EchoedValue, LineParser } from '../../../plugin-api/parser.js';
import { TriagedPoints } from '../../metrics/triaged-points.js';
import { createRecordParser, fileKind, type FileKind } from './file-kind.js';

export interface ReadMetricsOptions {
  /** For text logs. */
  parsers: LineParser[];
  rules: MetricRule[];
  /** The objective (every one, in a sweep of several), when known (`--config`): never kept apart as configuration. */
  objectiveName?: string | readonly string[];
  onProblem(message: string): void;
}

export interface ReadMetricsResult {
  kind: FileKind;
  points: ExtractedPoint[];
  /** Configuration the log echoed and values printed once before training (PointTriage). */
  echoed: Record<string, EchoedValue>;
}

/** What readMetricsStream returns: the points made again on each iteration, never all at once. */
export interface StreamedMetrics extends Omit<ReadMetricsResult, 'points'> {
  /** `length` says how many an iteration yields. */
  points: TriagedPoints;
}

/** Rejects with the stream's error (ENOENT, EACCES, EISDIR…) when the file cannot be read. */
export async function readMetricsFile(path: string, options: ReadMetricsOptions): Promise<ReadMetricsResult> {
  const { points, ...read } = await readMetricsStream(path, options);
  return { ...read, points: [...points] };
}

/** As readMetricsFile, for a log of millions of points: they are kept by column, and made as they are read. */
export async function readMetricsStream(path: string, options: ReadMetricsOptions): Promise<StreamedMetrics> {
  const kind = fileKind(path);
  const collector = new PointCollector();
  const echoed: Record<string, EchoedValue> = {};
  // a text log reports its points line by line, so that each keeps its place in the file
  const observe = (final: readonly ExtractedPoint[], provisional: readonly ExtractedPoint[], lineEchoed?: Record<string, EchoedValue>) => {
    for (const point of provisional) collector.see(point);
    collector.addAll(final);
    if (lineEchoed) Object.assign(echoed, lineEchoed);
  };
  const parser = createRecordParser(kind, {
    fillSteps: true,
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
  // the same triage as a sweep's, over the points in the order they were recorded
  const points = new TriagedPoints(collector, options.objectiveName ?? '', echoed);
  return { kind, points, echoed };
}
