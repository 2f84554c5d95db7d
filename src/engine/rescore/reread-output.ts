/**
 * A finished trial's stdout.log and stderr.log read again through the sweep's parsers and metric
 * rules, as its run read them, for `rescore` when its metrics.jsonl holds nothing of the objective
 * asked for: a sweep recorded before sweeptop read summaries (`mean/accuracy`), or a metrics.jsonl
 * trimmed or lost. `logs:` files are not read again.
 */
import { createReadStream } from 'node:fs';
import { loadRegistry } from '../../../plugins/registry.js';
import type { Params } from '../../plugin-api/space.js';
import type { LoadedConfig } from '../config/load.js';
import { UserError } from '../errors.js';
import { LineSplitter } from '../logs/line-splitter.js';
import { readableParts } from '../logs/cut-line.js';
import type { ExtractedPoint } from '../metrics/extractor.js';
import { OutputMetrics } from '../metrics/output-metrics.js';
import { createParsers, resolveParsers } from '../metrics/parser-list.js';
import { compileMetricRules } from '../metrics/rules.js';
import type { TrialPaths } from '../state/layout.js';
import type { StoredPoint } from '../state/metric-log.js';

/**
 * The points of one trial's output, in the order of its two logs, each with its log's byte offset
 * and stream as its run would have recorded them. `time`: when they were printed is not in the
 * logs; the trial's end is given instead.
 */
export type TrialOutputReader = (paths: TrialPaths, params: Params, time: number) => Promise<StoredPoint[]>;

/** The sweep's parsers and rules, its plugins loaded once; a plugin that cannot be loaded is one line. */
export async function outputReader({ config }: LoadedConfig, objectiveName: string): Promise<TrialOutputReader> {
  let lineMetrics: (params: Params) => OutputMetrics;
  try {
    const registry = await loadRegistry(config.plugins);
    const plugins = resolveParsers(config.parsers, registry.list('parser'));
    const rules = compileMetricRules(config.metrics);
    lineMetrics = (params) => new OutputMetrics({ parsers: createParsers(plugins), rules, params, objectiveName });
  } catch (error) {
    throw new UserError(`${config.file}: cannot re-read the trials' logs with its parsers: ${(error as Error).message.split('\n')[0]}`);
  }
  return async (paths, params, time) => {
    // one reading per log: how the two streams' lines interleaved was not recorded
    const stdout = await readLog(paths.stdout, 'stdout', lineMetrics(params), time);
    const stderr = await readLog(paths.stderr, 'stderr', lineMetrics(params), time);
    return [...stdout, ...stderr];
  };
}

async function readLog(path: string, stream: 'stdout' | 'stderr', metrics: OutputMetrics, time: number): Promise<StoredPoint[]> {
  const points: StoredPoint[] = [];
  const keep = (found: readonly ExtractedPoint[], offset: number) => {
    for (const { name, step, value, context } of found) {
      points.push({
        name,
        step: step ?? 0,
        value,
        time,
        offset,
        ...(stream === 'stderr' && { source: stream }),
        ...(context !== undefined && { context }),
      });
    }
  };
  const splitter = new LineSplitter();
  try {
    for await (const chunk of createReadStream(path)) {
      for (const line of splitter.push(chunk as Buffer)) {
        for (const text of readableParts(line)) keep(metrics.push(text, line.ending).final, line.endOffset);
      }
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return []; // it printed nothing there
    throw new UserError(`${path}: cannot read it (${code ?? (error as Error).message})`);
  }
  for (const line of splitter.end()) for (const text of readableParts(line)) keep(metrics.push(text, line.ending).final, line.endOffset);
  keep(metrics.end().final, splitter.consumed);
  return points;
}
