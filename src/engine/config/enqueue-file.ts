/**
 * A file of configurations to run as they are, the equivalent of Optuna's `enqueue_trial`: the
 * sweep file's `enqueue:` and `ctl add --from`. YAML is a list of mappings (values typed as YAML
 * types them); CSV has a header row of parameter names and one configuration per line, each cell
 * typed by its parameter (a number for a range, the matching value for a choice) and an empty cell
 * meaning "not given" (an inactive conditional parameter). Every row is checked against the space
 * before any is used, each problem one line: `file:line[:col]: row N: name: what is expected`.
 */
import { readFileSync } from 'node:fs';
import { extname, isAbsolute, relative } from 'node:path';
import { splitCsvLine } from '../logs/sources/csv.js';
import type { Parameter, ParamValue, Params, SearchSpace } from '../../plugin-api/space.js';
import { ConfigError, UserError } from '../errors.js';
import { checkGivenParams, expected } from './given-params.js';
import type { LoadedConfig } from './load.js';
import { didYouMean } from './nearest.js';
import { ConfigSource } from './source.js';

/** The rows of `file` (as named in messages), checked; a ConfigError at the first problem. */
export function parseEnqueueText(file: string, text: string, space: SearchSpace): Params[] {
  const extension = extname(file).toLowerCase();
  if (extension === '.csv') return csvRows(file, text, space);
  if (extension === '.yaml' || extension === '.yml') return yamlRows(file, text, space);
  throw new ConfigError(file, undefined, undefined, undefined, `expected a .yaml, .yml or .csv file of configurations, got "${extension}"`);
}

/** `--from FILE`: the rows of a file named on the command line. */
export function readEnqueueFile(file: string, space: SearchSpace): Params[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UserError(`${file}: ${unreadable(error)}`);
  }
  return parseEnqueueText(file, text, space);
}

/** The sweep file's `enqueue:` rows (none without it); a file that cannot be read is an error at that field. */
export function enqueuedRows(loaded: LoadedConfig): Params[] {
  const path = loaded.config.enqueue;
  if (path === null) return [];
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw loaded.source.error(['enqueue'], `${path}: ${unreadable(error)}`);
  }
  const shown = relative(process.cwd(), path);
  return parseEnqueueText(shown.startsWith('..') || isAbsolute(shown) ? path : shown, text, loaded.config.parameters);
}

function unreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT'
    ? 'no such file'
    : code === 'EISDIR'
      ? 'is a folder, expected a file of configurations'
      : `cannot be read (${code})`;
}

function yamlRows(file: string, text: string, space: SearchSpace): Params[] {
  const source = new ConfigSource(file, text);
  const rows = source.data;
  const at = (path: Array<string | number>, detail: string, where: 'value' | 'key' = 'value') => {
    const position = source.position(path, where);
    return new ConfigError(file, position?.line, position?.col, path.length ? `row ${Number(path[0]) + 1}` : undefined, detail);
  };
  if (!Array.isArray(rows)) throw at([], 'expected a list of configurations, one mapping each (- {lr: 0.01, layers: 3})');
  if (rows.length === 0) throw at([], 'holds no configurations; expected a list of mappings');
  return rows.map((row: unknown, index) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row))
      throw at([index], 'expected a mapping of parameter values (lr: 0.01)');
    for (const [name, value] of Object.entries(row)) {
      if (!isParamValue(value)) throw at([index, name], `${name}: expected a number, a string, true, false or null`);
    }
    const checked = checkGivenParams(space, row as Params);
    if ('params' in checked) return checked.params;
    const { problem } = checked;
    if (problem.kind === 'missing') throw at([index], problem.detail);
    throw at([index, problem.parameter], problem.detail, problem.kind === 'outside' ? 'value' : 'key');
  });
}

function csvRows(file: string, text: string, space: SearchSpace): Params[] {
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  const headerIndex = lines.findIndex((line) => line.trim() !== '');
  if (headerIndex === -1)
    throw new ConfigError(file, undefined, undefined, undefined, 'is empty; expected a header row of parameter names');
  const headerLine = lines[headerIndex];
  const header = splitCsvLine(headerLine).map((name) => name.trim());
  const columns = header.map((name, index): Parameter => {
    const where = (detail: string) => new ConfigError(file, headerIndex + 1, cellColumn(headerLine, index), 'header', detail);
    if (name === '') throw where(`column ${index + 1} has no name; expected a parameter name`);
    if (header.indexOf(name) !== index) throw where(`${name}: named twice`);
    const parameter = space.find((p) => p.name === name);
    if (!parameter)
      throw where(
        `${name}: no such parameter${didYouMean(
          name,
          space.map((p) => p.name),
        )}`,
      );
    return parameter;
  });
  const rows: Params[] = [];
  for (let index = headerIndex + 1; index < lines.length; index++) {
    const line = lines[index];
    if (line.trim() === '') continue;
    const row = `row ${rows.length + 1}`;
    const cells = splitCsvLine(line);
    if (cells.length !== columns.length)
      throw new ConfigError(file, index + 1, undefined, row, `has ${cells.length} cells but the header has ${columns.length}`);
    const given: Params = {};
    const columnOf = new Map<string, number>();
    for (const [k, parameter] of columns.entries()) {
      const cell = cells[k].trim();
      if (cell === '') continue;
      const typed = typedCell(parameter, cell);
      if ('problem' in typed) throw new ConfigError(file, index + 1, cellColumn(line, k), row, typed.problem);
      given[parameter.name] = typed.value;
      columnOf.set(parameter.name, k);
    }
    const checked = checkGivenParams(space, given);
    if ('problem' in checked) {
      const k = columnOf.get(checked.problem.parameter);
      throw new ConfigError(file, index + 1, k === undefined ? undefined : cellColumn(line, k), row, checked.problem.detail);
    }
    rows.push(checked.params);
  }
  if (rows.length === 0) throw new ConfigError(file, headerIndex + 1, undefined, undefined, 'has a header but no configurations');
  return rows;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** A cell as its parameter's value: a number for a range; for a choice or a constant, the value it spells. */
function typedCell(parameter: Parameter, cell: string): { value: ParamValue } | { problem: string } {
  if (parameter.kind === 'float' || parameter.kind === 'int') {
    if (!NUMBER.test(cell)) return { problem: `${parameter.name}: "${cell}" is not a number; expected ${expected(parameter)}` };
    return { value: Number(cell) };
  }
  const values = parameter.kind === 'choice' ? parameter.values : [parameter.value];
  const spelled = values.filter((value) => String(value) === cell);
  if (spelled.length > 1) {
    // 1 and "1" are both values: a CSV cell cannot say which (a YAML file can)
    return { problem: `${parameter.name}: "${cell}" spells more than one of its values (${expected(parameter)}); use a YAML file` };
  }
  if (spelled.length === 1) return { value: spelled[0] };
  // 0.10 for the value 0.1: the same number written otherwise
  const number = NUMBER.test(cell) ? values.find((value) => value === Number(cell)) : undefined;
  return { value: number ?? cell };
}

/** The 1-based column where cell `index` starts; unknown (undefined) on a line with quoted cells. */
function cellColumn(line: string, index: number): number | undefined {
  if (line.includes('"')) return undefined;
  const cells = line.split(',');
  let column = 1;
  for (let k = 0; k < index; k++) column += cells[k].length + 1;
  return column;
}

function isParamValue(value: unknown): value is ParamValue {
  return value === null || ['number', 'string', 'boolean'].includes(typeof value);
}
