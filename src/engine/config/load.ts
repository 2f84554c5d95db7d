/**
 * Reads and validates a sweep file. Every problem is one ConfigError naming file:line:column,
 * the field, and what was expected; nothing is started before the whole file is valid.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { compileCommand, TemplateError, type CompiledCommand } from '../template/command.js';
import { describeValue, Fields, isPlainObject } from './fields.js';
import { readParameters } from './parameters.js';
import { ConfigSource } from './source.js';
import { parseStopCondition } from './stop-when.js';
import type { CommandTemplate, PluginChoice, SweepConfig } from './types.js';

export const TOP_LEVEL_FIELDS = [
  'name', 'command', 'shell', 'cwd', 'env', 'parameters', 'sampler', 'seed', 'trials', 'parallel', 'gpus',
  'gpus_per_trial', 'metric', 'timeout', 'grace', 'retries', 'max_duration', 'stop_when', 'max_failures',
  'pruner', 'executor', 'plugins', 'metrics', 'parsers', 'logs',
] as const;

export interface LoadedConfig {
  config: SweepConfig;
  command: CompiledCommand;
  source: ConfigSource;
}

export async function readSweepFile(file: string): Promise<LoadedConfig> {
  const path = resolve(file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, expected a sweep file' : `cannot read it (${code})`;
    throw new UserError(`${file}: ${why}`);
  }
  return parseSweepText(file, path, text);
}

export function parseSweepText(file: string, path: string, text: string): LoadedConfig {
  const source = new ConfigSource(file, text);
  if (!isPlainObject(source.data)) {
    throw source.error([], `expected a mapping of fields (command, parameters, …), got ${describeValue(source.data)}`);
  }
  const fields = new Fields(source, [], source.data);
  fields.allowOnly(TOP_LEVEL_FIELDS);
  const baseDir = dirname(path);
  const commandRaw = fields.require('command', 'the training command, a string or a list');
  const parameters = readParameters(source, fields.require('parameters', 'a mapping of parameter names to ranges'));
  const shell = fields.boolean('shell', false);
  const config: SweepConfig = {
    file,
    path,
    baseDir,
    name: fields.string('name', basename(path, extname(path))),
    command: readCommand(fields, commandRaw),
    shell,
    cwd: resolve(baseDir, fields.string('cwd', '.')),
    env: readEnv(fields),
    parameters,
    sampler: readPluginChoice(fields, 'sampler', 'random'),
    seed: fields.number('seed', { integer: true, min: 0, fallback: 0 })!,
    trials: fields.number('trials', { integer: true, min: 1 }) ?? null,
    parallel: fields.number('parallel', { integer: true, min: 1, fallback: 1 })!,
    gpus: readGpus(fields),
    gpusPerTrial: fields.number('gpus_per_trial', { integer: true, min: 1, fallback: 1 })!,
    metric: readMetric(fields),
    timeoutMs: fields.duration('timeout', null),
    graceMs: fields.duration('grace', 10_000)!,
    retries: fields.number('retries', { integer: true, min: 0, fallback: 0 })!,
    maxDurationMs: fields.duration('max_duration', null),
    stopWhen: null,
    maxFailures: fields.number('max_failures', { integer: true, min: 1 }) ?? null,
    pruner: readPluginChoice(fields, 'pruner', 'none'),
    executor: readPluginChoice(fields, 'executor', 'local'),
    plugins: fields.stringList('plugins').map((p) => resolve(baseDir, p)),
    metrics: readList(fields, 'metrics'),
    parsers: fields.has('parsers') ? fields.stringList('parsers') : ['auto'],
    logs: fields.stringList('logs'),
  };
  if (fields.has('stop_when')) {
    const text = fields.string('stop_when')!;
    config.stopWhen = parseStopCondition(text) ?? null;
    if (!config.stopWhen) throw fields.expected('stop_when', 'a condition such as "val_loss <= 0.05"');
  }
  if (config.gpus && config.gpusPerTrial > config.gpus.length) {
    throw fields.error('gpus_per_trial', `expected at most the ${config.gpus.length} GPUs listed in gpus, got ${config.gpusPerTrial}`);
  }
  if (config.sampler.type !== 'grid' && config.trials === null) {
    throw fields.error('trials', `missing: expected the number of trials to run (only the grid sampler has a default)`);
  }
  let command: CompiledCommand;
  try {
    command = compileCommand(config.command, shell, parameters.map((p) => p.name));
  } catch (error) {
    if (error instanceof TemplateError) throw source.error(['command'], error.message);
    throw error;
  }
  return { config, command, source };
}

function readCommand(fields: Fields, raw: unknown): CommandTemplate {
  if (typeof raw === 'string' && raw.trim()) return { kind: 'string', text: raw };
  if (Array.isArray(raw) && raw.length > 0) {
    return { kind: 'argv', items: raw.map((item, i) => {
      if (typeof item === 'number' || typeof item === 'boolean') return String(item);
      if (typeof item !== 'string') throw fields.source.error(['command', i], `expected a string, got ${describeValue(item)}`);
      return item;
    }) };
  }
  throw fields.expected('command', 'a command string or a non-empty list of arguments');
}

function readEnv(fields: Fields): Record<string, string> {
  if (!fields.has('env')) return {};
  const env = Fields.of(fields.source, ['env'], fields.values.env, 'a mapping of variable names to values');
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env.values)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw env.source.error(['env', key], 'expected a variable name (letters, digits, _)', 'key');
    if (isPlainObject(value) || Array.isArray(value) || value === null) throw env.expected(key, 'a string or number');
    out[key] = String(value);
  }
  return out;
}

function readGpus(fields: Fields): string[] | null {
  if (!fields.has('gpus')) return null;
  const raw = fields.values.gpus;
  if (typeof raw === 'number' && Number.isInteger(raw) && raw > 0) return Array.from({ length: raw }, (_, i) => String(i));
  if (!Array.isArray(raw) || raw.length === 0) throw fields.expected('gpus', 'a list of GPU ids such as [0, 1], or a count');
  const ids = raw.map((id, i) => {
    if ((typeof id !== 'number' || !Number.isInteger(id) || id < 0) && (typeof id !== 'string' || !id)) {
      throw fields.source.error(['gpus', i], `expected a GPU id (an integer or a UUID string), got ${describeValue(id)}`);
    }
    return String(id);
  });
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate !== undefined) throw fields.error('gpus', `GPU ${duplicate} is listed twice`);
  return ids;
}

function readMetric(fields: Fields): SweepConfig['metric'] {
  const raw = fields.require('metric', 'the objective, e.g. {name: val_loss, goal: minimize}');
  if (typeof raw === 'string' && raw) return { name: raw, goal: 'minimize' };
  const metric = Fields.of(fields.source, ['metric'], raw, 'a metric name or {name, goal}');
  metric.allowOnly(['name', 'goal']);
  metric.require('name', 'the metric name as your script prints it');
  const name = metric.string('name')!;
  const goal = metric.string('goal', 'minimize');
  if (goal !== 'minimize' && goal !== 'maximize') throw metric.expected('goal', 'minimize or maximize');
  return { name, goal };
}

function readPluginChoice(fields: Fields, key: string, fallback: string): PluginChoice {
  if (!fields.has(key)) return { type: fallback, options: {} };
  const raw = fields.values[key];
  if (typeof raw === 'string' && raw) return { type: raw, options: {} };
  const choice = Fields.of(fields.source, [key], raw, `a ${key} name or {type: name, …options}`);
  const type = choice.require('type', `the ${key}'s name`);
  if (typeof type !== 'string' || !type) throw choice.expected('type', `the ${key}'s name`);
  const { type: _type, ...options } = choice.values;
  return { type, options };
}

function readList(fields: Fields, key: string): unknown[] {
  if (!fields.has(key)) return [];
  const raw = fields.values[key];
  if (!Array.isArray(raw)) throw fields.expected(key, 'a list');
  return raw;
}
