/** `sweeptop export DIR [--format csv|json] [-o FILE]`: one row per trial. */
import { writeFileSync } from 'node:fs';
import { UserError } from '../../engine/errors.js';
import { exportRow, rowsToCsv } from '../../engine/state/export-rows.js';
import { loadSweep, type StoredSweep } from '../../engine/state/load-sweep.js';
import { parseCommandArgs } from '../args.js';
import { printNotices, type CommandIO } from '../io.js';

const USAGE = 'sweeptop export DIR [--format csv|json] [-o FILE]';

export async function runExport(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { format: { type: 'string' }, output: { type: 'string', short: 'o' } }, USAGE);
  if (positionals.length !== 1) throw new UserError(`expected one sweep directory\nusage: ${USAGE}`);
  const format = values.format ?? (values.output?.endsWith('.json') ? 'json' : 'csv');
  if (format !== 'csv' && format !== 'json') throw new UserError(`--format: expected csv or json, got "${format}"`);
  const sweep = await loadSweep(positionals[0], { lookAtProcesses: true });
  printNotices(sweep.notices, io);
  const rows = sweep.trials.map(exportRow);
  const text = format === 'json' ? JSON.stringify(rows, null, 2) + '\n' : rowsToCsv(rows, parameterNames(sweep));
  if (values.output) writeFileSync(values.output, text);
  else io.stdout.write(text);
  return 0;
}

export function parameterNames(sweep: StoredSweep): string[] {
  const declared = sweep.config?.parameters;
  if (declared) return declared.map((p) => p.name);
  return [...new Set(sweep.trials.flatMap((t) => Object.keys(t.params)))];
}
