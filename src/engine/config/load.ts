/**
 * Reads and validates a sweep file. Every problem is one ConfigError naming file:line:column,
 * the field, and what was expected; nothing is started before the whole file is valid.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { firstIssue, isAboutKey, issuePath, v } from '../../plugin-api/schema.js';
import { UserError } from '../errors.js';
import { compileCommand, TemplateError, type CompiledCommand } from '../template/command.js';
import { placeholdersOf } from '../template/segments.js';
import { sweepFile, type SweepFile } from './schema/sweep-file.js';
import { checkSeveralObjectives } from './several-objectives.js';
import { ConfigSource } from './source.js';
import { withConditions } from './conditions.js';
import { toSweepConfig, type SweepConfig } from './sweep-config.js';
import { compileHooks, type CompiledHooks } from './hook-commands.js';

export interface LoadedConfig {
  config: SweepConfig;
  command: CompiledCommand;
  hooks: CompiledHooks;
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
  const declared = checkDeclared(source);
  const config = toSweepConfig({ ...declared, parameters: withConditions(declared.parameters, source) }, file, path);
  checkAcrossFields(config, source);
  checkRunSettingsHaveRuns(config, declared, source);
  checkSeveralObjectives(config, declared, source);
  let command: CompiledCommand;
  try {
    command = compileCommand(
      config.command,
      config.shell,
      config.parameters.map((p) => p.name),
      config.argsStyle,
      runPlaceholders(config),
      new Map(config.parameters.filter((p) => p.when !== undefined).map((p) => [p.name, p.default])),
    );
  } catch (error) {
    if (error instanceof TemplateError) throw source.error(['command'], error.message);
    throw error;
  }
  checkRunPlaceholders(config, command, source);
  return { config, command, hooks: compileHooks(config, source), source };
}

/** {fold}, {repeat} and {budget}, as far as the sweep file asks for folds, repeats and a budget. */
function runPlaceholders(config: SweepConfig): string[] {
  return [
    ...(config.folds !== null ? ['fold'] : []),
    ...(config.repeats !== null ? ['repeat'] : []),
    ...(config.budget !== null ? ['budget'] : []),
  ];
}

const FIELD_OF = { fold: 'folds', repeat: 'repeats', budget: 'budget' } as const;

/**
 * A command that never says which fold (or repeat) it runs would train the same one N times and
 * report its spread as zero: silently wrong; one that never says its budget would run the full
 * one at every level. A script that reads SWEEPTOP_FOLD (SWEEPTOP_BUDGET) says so.
 */
function checkRunPlaceholders(config: SweepConfig, command: CompiledCommand, source: ConfigSource): void {
  const used = new Set(command.pieces.flatMap(placeholdersOf));
  for (const name of runPlaceholders(config)) {
    const field = FIELD_OF[name as keyof typeof FIELD_OF];
    if (config.parameters.some((p) => p.name === name)) {
      throw source.error(
        ['parameters', name],
        `a parameter cannot be named ${name} in a sweep with ${field}: {${name}} is the run's ${name}`,
      );
    }
    if (used.has(name) || config.runsFromEnv) continue;
    const same = field === 'budget' ? 'every level would run the same budget' : `its ${config[field]} runs would all be the same`;
    throw source.error(
      [field],
      `the command has no {${name}}: ${same}; pass it (e.g. --${name} {${name}}), ` +
        `or set runs_from_env: true if the script reads SWEEPTOP_${name.toUpperCase()}`,
    );
  }
}

/**
 * A run setting that asks for something (pruning across runs, runs side by side, the fold read
 * from the environment) in a sweep whose trials have no runs would be ignored without a word:
 * the user believes it acts. The values that ask for nothing are how such a sweep runs anyway.
 */
function checkRunSettingsHaveRuns(config: SweepConfig, declared: SweepFile, source: ConfigSource): void {
  if (config.folds !== null || config.repeats !== null) return;
  const asked = [
    { field: 'runs_pruning', does: 'prune across', set: declared.runs_pruning !== undefined && declared.runs_pruning !== false },
    { field: 'runs_parallel', does: 'run side by side', set: config.runsParallel > 1 },
    { field: 'runs_from_env', does: 'read a fold or repeat for', set: config.runsFromEnv && config.budget === null },
  ].find((setting) => setting.set);
  if (!asked) return;
  // a budget trial's runs are its levels: each waits for the one below, and promotion is its pruning
  if (config.budget !== null) {
    throw source.error(
      [asked.field],
      `a budget trial's levels run one after another, promoted or not by the budget's schedule; remove ${asked.field}`,
    );
  }
  throw source.error(
    [asked.field],
    `a trial has no runs to ${asked.does} without folds or repeats; add folds: N or repeats: N, or remove ${asked.field}`,
  );
}

/** The file against its declaration (schema/sweep-file.ts): the first problem, where it is. */
function checkDeclared(source: ConfigSource): SweepFile {
  const result = v.safeParse(sweepFile, source.data, { abortPipeEarly: true });
  if (result.success) return result.output;
  const issue = firstIssue(result.issues);
  throw source.error(issuePath(issue), issue.message, isAboutKey(issue) ? 'key' : 'value');
}

/** The rules between fields. */
function checkAcrossFields(config: SweepConfig, source: ConfigSource): void {
  if (config.gpus && config.gpusPerTrial > config.gpus.length) {
    throw source.error(['gpus_per_trial'], `expected at most the ${config.gpus.length} GPUs listed in gpus, got ${config.gpusPerTrial}`);
  }
  if (config.budget && config.budget.min >= config.budget.max) {
    throw source.error(['budget', 'min'], `expected a budget below max (${config.budget.max}), got ${config.budget.min}`);
  }
  if (config.budget && (config.folds !== null || config.repeats !== null)) {
    const field = config.folds !== null ? 'folds' : 'repeats';
    throw source.error(['budget'], `budget cannot be combined with ${field} yet: remove one of them (see docs/budget.md)`);
  }
  if (config.sampler.type !== 'grid' && config.trials === null) {
    throw source.error(['trials'], `missing: expected the number of trials to run (only the grid sampler has a default)`);
  }
}
