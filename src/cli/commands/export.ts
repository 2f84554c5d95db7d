/** `sweeptop export [DIR] [--format csv|json] [-o FILE]`: one row per trial; or `--format optuna --storage FILE`. */
import { writeFileSync } from 'node:fs';
import { UserError } from '../../engine/errors.js';
import { writeOptunaStorage } from '../../engine/export/optuna-storage.js';
import { optunaStudy } from '../../engine/export/optuna-study.js';
import { exportRow, exportRunRows, rowsToCsv, runRowsToCsv } from '../../engine/state/export-rows.js';
import { loadSweep, type StoredSweep } from '../../engine/state/load-sweep.js';
import { parseCommandArgs } from '../args/parse.js';
import { EXPORT } from '../command-table.js';
import { newestSweepHere } from '../default-sweep.js';
import { printNotices, type CommandIO } from '../io.js';
import { versioned } from '../output/json-output.js';
import { EXPORT_JSON, EXPORT_RUNS_JSON } from '../output/shapes.js';

export async function runExport(args: string[], io: CommandIO): Promise<number> {
  const {
    options: values,
    args: { DIR },
  } = parseCommandArgs(EXPORT, args);
  const format = values.format ?? (values.storage !== undefined ? 'optuna' : values.output?.endsWith('.json') ? 'json' : 'csv');
  checkOptunaOptions(format, values);
  const sweep = await loadSweep(DIR ?? (await newestSweepHere(io)), { lookAtProcesses: true });
  printNotices(sweep.notices, io);
  if (format === 'optuna') {
    const study = await optunaStudy(sweep);
    await writeOptunaStorage(values.storage!, study, { replace: values.force });
    printNotices(study.notices, io);
    io.stderr.write(`wrote ${study.trials.length} trials to ${values.storage} as Optuna study '${study.name}'\n`);
    return 0;
  }
  const levels = sweep.config?.budget?.levels ?? null;
  const objectives = sweep.objectives ?? [];
  const rows = sweep.trials.map((trial) => exportRow(trial, levels, objectives));
  const text = values.runs
    ? runsText(sweep, format)
    : format === 'json'
      ? JSON.stringify(
          rows.map((row) => versioned(EXPORT_JSON, 'trial', row)),
          null,
          2,
        ) + '\n'
      : rowsToCsv(
          rows,
          parameterNames(sweep),
          levels !== null,
          objectives.map((objective) => objective.name),
        );
  if (values.output) writeFileSync(values.output, text);
  else io.stdout.write(text);
  return 0;
}

/** --storage belongs to the Optuna format alone, and that format writes nowhere else. */
function checkOptunaOptions(format: string, values: { storage?: string; output?: string; runs: boolean; force: boolean }): void {
  if (format === 'optuna') {
    if (values.storage === undefined) throw new UserError('export --format optuna: needs --storage FILE (the SQLite file to write)');
    if (values.output !== undefined) throw new UserError('export --format optuna: writes to --storage FILE, not --output');
    if (values.runs)
      throw new UserError("export --format optuna: --runs is for csv and json (the study keeps each trial's runs as a user attribute)");
  } else if (values.storage !== undefined || values.force) {
    throw new UserError(`export --format ${format}: --storage and --force go with --format optuna`);
  }
}

/** `--runs`: one row per run of each trial, by trial id then run index. */
function runsText(sweep: StoredSweep, format: 'csv' | 'json'): string {
  const rows = sweep.trials.flatMap((trial) =>
    exportRunRows(trial).map((run) => ({ id: trial.id, params: trial.params, ...run, trial_objective: exportRow(trial).objective })),
  );
  if (format === 'csv') return runRowsToCsv(rows, parameterNames(sweep));
  return (
    JSON.stringify(
      rows.map((row) => versioned(EXPORT_RUNS_JSON, 'run', row)),
      null,
      2,
    ) + '\n'
  );
}

export function parameterNames(sweep: StoredSweep): string[] {
  const declared = sweep.config?.parameters;
  if (declared) return declared.map((p) => p.name);
  return [...new Set(sweep.trials.flatMap((t) => Object.keys(t.params)))];
}
