/**
 * Reads and validates a sweep file. Every problem is one ConfigError naming file:line:column,
 * the field, and what was expected; nothing is started before the whole file is valid.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { firstIssue, isAboutKey, issuePath, v } from '../../plugin-api/schema.js';
import { UserError } from '../errors.js';
import { compileCommand, TemplateError, type CompiledCommand } from '../template/command.js';
import { sweepFile, type SweepFile } from './schema/sweep-file.js';
import { ConfigSource } from './source.js';
import { toSweepConfig, type SweepConfig } from './sweep-config.js';

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
  const config = toSweepConfig(checkDeclared(source), file, path);
  checkAcrossFields(config, source);
  let command: CompiledCommand;
  try {
    command = compileCommand(
      config.command,
      config.shell,
      config.parameters.map((p) => p.name),
      config.argsStyle,
    );
  } catch (error) {
    if (error instanceof TemplateError) throw source.error(['command'], error.message);
    throw error;
  }
  return { config, command, source };
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
  if (config.sampler.type !== 'grid' && config.trials === null) {
    throw source.error(['trials'], `missing: expected the number of trials to run (only the grid sampler has a default)`);
  }
}
