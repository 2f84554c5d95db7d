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
import { encodeNumber } from '../../plugin-api/json-number.js';
import type { ObjectiveSpec } from '../../engine/metrics/objective.js';
import { describeStandIn } from '../../engine/metrics/objective.js';
import { TrialMetrics } from '../../engine/metrics/trial-metrics.js';
import { missingMetricMessage } from '../../engine/metrics/suggest-metric.js';
import { compileMetricRules, type MetricRule } from '../../engine/metrics/rules.js';
import { createParsers, resolveParsers } from '../../engine/metrics/parser-list.js';
import { readMetricsFile } from '../../engine/logs/sources/read-file.js';
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
import { versioned } from '../output/json-output.js';
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
    result = await readMetricsFile(file, {
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
    for (const { name, step, value, context } of result.points) {
      const point = { name, step: step ?? 0, value: encodeNumber(value), ...(context !== undefined && { context }) };
      println(io.stdout, JSON.stringify(versioned(METRICS_JSON, 'point', point)));
    }
    if (echoed.length > 0) println(io.stdout, JSON.stringify(versioned(METRICS_JSON, 'echoed', { echoed: result.echoed })));
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
function objectiveCheck(objective: ObjectiveSpec, points: readonly ExtractedPoint[]): string {
  const metrics = new TrialMetrics(objective);
  for (const point of points) metrics.record(point.name, point.step ?? 0, point.value, point.context);
  if (metrics.objective === null)
    return `warning: ${missingMetricMessage(
      objective.name,
      points.map((p) => p.name),
    )}\n`;
  const spread = metrics.spread === null ? '' : ` ± ${formatMetric(metrics.spread)}`;
  const over = metrics.contexts > 1 ? ` over ${metrics.contexts} folds (${objective.value} of each, ${objective.combine})` : '';
  const source = metrics.source === null ? '' : ` (${describeStandIn(metrics.source, objective.name)})`;
  return `objective: ${objective.name} = ${formatMetric(metrics.objective)}${spread}${over}${source}\n`;
}

/** One row per metric: how many points, over which steps and folds, and its last, lowest and highest value. */
function summaryTable(points: readonly ExtractedPoint[], via: ReadonlyMap<string, string>): string {
  const byName = new Map<string, ExtractedPoint[]>();
  const withFolds = points.some((p) => p.context !== undefined);
  for (const point of points) {
    const list = byName.get(point.name);
    if (list) list.push(point);
    else byName.set(point.name, [point]);
  }
  const rows = [...byName].map(([name, list]) => {
    const steps = extent(list.map((p) => p.step).filter((s): s is number => s !== null));
    const values = extent(list.map((p) => p.value).filter((v) => !Number.isNaN(v)));
    const range = steps === null ? '-' : steps.min === steps.max ? String(steps.min) : `${steps.min}…${steps.max}`;
    return [
      name,
      via.get(name) ?? 'rule',
      String(list.length),
      range,
      ...(withFolds ? [contextsOf(list)] : []),
      formatMetric(list[list.length - 1].value),
      values ? formatMetric(values.min) : '-',
      values ? formatMetric(values.max) : '-',
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

/** `fold 1…fold 5`, `fold 2`, or `-`. */
function contextsOf(points: readonly ExtractedPoint[]): string {
  const contexts = [...new Set(points.map((p) => p.context).filter((c): c is string => c !== undefined))];
  if (contexts.length === 0) return '-';
  return contexts.length === 1 ? contexts[0] : `${contexts[0]}…${contexts[contexts.length - 1]}`;
}

function extent(numbers: readonly number[]): { min: number; max: number } | null {
  if (numbers.length === 0) return null;
  let min = Infinity;
  let max = -Infinity;
  for (const n of numbers) {
    if (n < min) min = n;
    if (n > max) max = n;
  }
  return { min, max };
}
