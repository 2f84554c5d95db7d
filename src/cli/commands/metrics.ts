/**
 * `sweeptop metrics FILE [--json] [--config sweep.yaml] [--parser NAME]`: what sweeptop sees in a
 * log file, read exactly as a sweep records a trial's output (steps, folds, echoed configuration
 * kept apart) — the check to run before launching a long sweep. A readable table by default;
 * with --json one point object per line (then one `echoed` record, if any) and nothing else on
 * stdout. With --config, the objective as a sweep would compute it, or a warning that the log
 * never reports it, on stderr. Exit 0 (a note on stderr when nothing was found), 2 for bad usage
 * or a file that cannot be read.
 */
import { stat } from 'node:fs/promises';
import { UserError } from '../../engine/errors.js';
import { PluginOptionError } from '../../plugin-api/errors.js';
import type { ExtractedPoint } from '../../engine/metrics/extractor.js';
import type { ObjectiveSpec } from '../../engine/metrics/objective.js';
import { describeStandIn } from '../../engine/metrics/objective.js';
import { TrialMetrics } from '../../engine/metrics/trial-metrics.js';
import { missingMetricMessage } from '../../engine/metrics/suggest-metric.js';
import { compileMetricRules, type MetricRule } from '../../engine/metrics/rules.js';
import { createParsers, resolveParsers } from '../../engine/metrics/parser-list.js';
import { readMetricsStream } from '../../engine/logs/sources/read-file.js';
import { readSweepFile } from '../../engine/config/load.js';
import { builtInRegistry, loadRegistry } from '../../../plugins/registry.js';
import type { ParserPlugin } from '../../plugin-api/parser.js';
import { traceParser } from './parser-trace.js';
import { parseCommandArgs } from '../args/parse.js';
import { usageLine } from '../args/help.js';
import { METRICS } from '../command-table.js';
import { formatMetric } from '../format.js';
import { println, type CommandIO } from '../io.js';
import { safeText } from '../../ui/format/safe-text.js';
import { ChunkedWriter } from '../output/chunked-writer.js';
import { versioned } from '../output/json-output.js';
import { MetricPointLines } from '../output/metric-point-lines.js';
import { METRICS_JSON } from '../output/shapes.js';
import { textTable } from '../text-table.js';

const USAGE = usageLine(METRICS);

export async function runMetrics(args: string[], io: CommandIO): Promise<number> {
  try {
    return await metrics(args, io);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    io.stderr.write(`sweeptop metrics: ${error.message.split('\n')[0]} (usage: ${USAGE})\n`);
    return error.exitCode;
  }
}

async function metrics(args: string[], io: CommandIO): Promise<number> {
  const {
    options: values,
    args: { FILE: file },
  } = parseCommandArgs(METRICS, args);
  await checkReadable(file);
  const { plugins, rules, parserList, notes, objectives } = await choose(values.config, values.parser);
  for (const note of notes) io.stderr.write(`note: ${note}\n`);
  const via = new Map<string, string>();
  const parsers = createParsers(plugins).map((parser, i) => traceParser(parser, plugins[i].name, via));
  const problems: string[] = [];
  let result;
  try {
    result = await readMetricsStream(file, {
      parsers,
      rules,
      objectiveName: objectives.map((objective) => objective.name),
      onProblem: (message) => problems.push(message),
    });
  } catch (error) {
    throw new UserError(`${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  for (const problem of problems) io.stderr.write(`warning: ${file}: ${problem}\n`);
  const kindLabel =
    result.kind === 'text'
      ? `a text log, parsers: ${parserList}`
      : `${result.kind === 'tfevents' ? 'TensorBoard events' : result.kind.toUpperCase()}`;
  if (result.points.length === 0) {
    io.stderr.write(
      `no metrics found in ${file} (read as ${kindLabel}); see docs/metrics.md for the formats sweeptop reads and for \`metrics:\` rules\n`,
    );
    return 0;
  }
  const echoed = Object.entries(result.echoed);
  // each objective of several as the sweep would compute it
  for (const objective of objectives) io.stderr.write(objectiveCheck(objective, result.points));
  if (values.json) {
    const out = new ChunkedWriter(io.stdout);
    const lines = new MetricPointLines(result.points.collector);
    const reading = result.points.reading();
    const batch = new Int32Array(4096);
    for (let n = reading.next(batch); n > 0; n = reading.next(batch)) {
      for (let i = 0; i < n; i++) out.add(lines.line(batch[i]));
      if (out.full) await out.flush();
    }
    if (echoed.length > 0) out.add(`${JSON.stringify(versioned(METRICS_JSON, 'echoed', { echoed: result.echoed }))}\n`);
    await out.flush();
    return 0;
  }
  println(io.stdout, `${file} (${kindLabel})`);
  println(io.stdout, summaryTable(result.points, via));
  if (echoed.length > 0)
    println(
      io.stdout,
      safeText(`echoed, not metrics: ${echoed.map(([k, v]) => `${k}=${typeof v === 'number' ? formatMetric(v) : String(v)}`).join('  ')}`),
    );
  return 0;
}

async function checkReadable(file: string): Promise<void> {
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`${file}: ${code === 'ENOENT' ? 'no such file' : `cannot read it (${code})`}`);
  }
  if (info.isDirectory()) throw new UserError(`${file}: is a folder, expected a log file`);
}

/** The parsers and rules: built-in auto by default; the sweep file's with --config; --parser narrows. */
async function choose(config: string | undefined, names: string[]) {
  let available: ParserPlugin[] = builtInRegistry().list('parser');
  let rules: MetricRule[] = [];
  let chosen: unknown = ['auto'];
  let notes: readonly string[] = [];
  let objectives: readonly ObjectiveSpec[] = [];
  if (config !== undefined) {
    const loaded = await readSweepFile(config);
    try {
      const registry = await loadRegistry(loaded.config.plugins);
      available = registry.list('parser');
      notes = registry.notes;
      rules = compileMetricRules(loaded.config.metrics);
      chosen = loaded.config.parsers;
      objectives = loaded.config.objectives;
      resolveParsers(chosen, available);
    } catch (error) {
      if (!(error instanceof PluginOptionError)) throw new UserError(`${config}: ${(error as Error).message}`);
      throw loaded.source.error(optionPath(error.option), error.detail);
    }
  }
  if (names.length) chosen = names.flatMap((name) => name.split(',')).map((name) => name.trim());
  let plugins: ParserPlugin[];
  try {
    plugins = resolveParsers(chosen, available);
  } catch (error) {
    if (error instanceof PluginOptionError) throw new UserError(`--parser: ${error.detail}`);
    throw error;
  }
  const parserList = (chosen as string[]).join(', ') || 'none (rules only)';
  return { plugins, rules, parserList, notes, objectives };
}

/** `metrics[0].regex` → ['metrics', 0, 'regex'], the path the config source points at. */
function optionPath(option: string): Array<string | number> {
  return [...option.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]));
}

/**
 * With --config: the objective as a sweep would compute it from this log, or a warning, once,
 * that the log never reports it.
 */
function objectiveCheck(objective: ObjectiveSpec, points: Iterable<ExtractedPoint>): string {
  const metrics = new TrialMetrics(objective);
  for (const point of points) metrics.record(point.name, point.step ?? 0, point.value, point.context);
  if (metrics.objective === null)
    return `warning: ${missingMetricMessage(
      objective.name,
      Array.from(points, (p) => p.name),
    )}\n`;
  const spread = metrics.spread === null ? '' : ` ± ${formatMetric(metrics.spread)}`;
  const over = metrics.contexts > 1 ? ` over ${metrics.contexts} folds (${objective.value} of each, ${objective.combine})` : '';
  const source = metrics.source === null ? '' : ` (${describeStandIn(metrics.source, objective.name)})`;
  return `objective: ${objective.name} = ${formatMetric(metrics.objective)}${spread}${over}${source}\n`;
}

/** One row per metric: how many points, over which steps and folds, and its last, lowest and highest value. */
function summaryTable(points: Iterable<ExtractedPoint>, via: ReadonlyMap<string, string>): string {
  // gathered point by point: a long log's points are never all in memory at once
  const byName = new Map<string, MetricSummary>();
  let withFolds = false;
  for (const point of points) {
    let summary = byName.get(point.name);
    if (summary === undefined) byName.set(point.name, (summary = new MetricSummary()));
    summary.add(point);
    if (point.context !== undefined) withFolds = true;
  }
  const rows = [...byName].map(([name, summary]) => {
    const { steps, values } = summary;
    const range = steps.count === 0 ? '-' : steps.min === steps.max ? String(steps.min) : `${steps.min}…${steps.max}`;
    return [
      name,
      via.get(name) ?? 'rule',
      String(summary.points),
      range,
      ...(withFolds ? [contextsOf(summary.contexts)] : []),
      formatMetric(summary.last),
      values.count > 0 ? formatMetric(values.min) : '-',
      values.count > 0 ? formatMetric(values.max) : '-',
    ];
  });
  return textTable(
    [
      { header: 'metric', maxWidth: 40 },
      { header: 'via' },
      { header: 'points', align: 'right' },
      { header: 'steps', align: 'right' },
      ...(withFolds ? [{ header: 'folds' }] : []),
      { header: 'last', align: 'right' },
      { header: 'min', align: 'right' },
      { header: 'max', align: 'right' },
    ],
    rows,
  );
}

/** What the table shows of one metric. */
class MetricSummary {
  points = 0;
  last = NaN;
  /** Over the steps it was reported at. */
  readonly steps = new Extent();
  /** Over its values, NaN left out. */
  readonly values = new Extent();
  /** Its contexts, in order of first appearance. */
  readonly contexts = new Set<string>();

  add(point: ExtractedPoint): void {
    this.points++;
    this.last = point.value;
    if (point.step !== null) this.steps.add(point.step);
    if (!Number.isNaN(point.value)) this.values.add(point.value);
    if (point.context !== undefined) this.contexts.add(point.context);
  }
}

/** `fold 1…fold 5`, `fold 2`, or `-`. */
function contextsOf(contexts: ReadonlySet<string>): string {
  if (contexts.size === 0) return '-';
  const list = [...contexts];
  return list.length === 1 ? list[0] : `${list[0]}…${list[list.length - 1]}`;
}

class Extent {
  count = 0;
  min = Infinity;
  max = -Infinity;

  add(n: number): void {
    this.count++;
    if (n < this.min) this.min = n;
    if (n > this.max) this.max = n;
  }
}
