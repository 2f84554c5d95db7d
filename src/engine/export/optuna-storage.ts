/**
 * Writes an Optuna study as an SQLite file Optuna 3.1 opens with
 * `optuna.load_study(storage='sqlite:///FILE', study_name=…)` and optuna-dashboard shows. SQLite
 * is sql.js, compiled to WebAssembly, so sweeptop installs without building native code.
 */
import initSqlJs, { type Database, type SqlValue } from 'sql.js';
import { UserError } from '../errors.js';
import { createFileExclusive, writeFileAtomic } from '../state/atomic.js';
import { OPTUNA_ALEMBIC_REVISION, OPTUNA_LIBRARY_VERSION, OPTUNA_SCHEMA_VERSION, OPTUNA_TABLES, storedValue } from './optuna-schema.js';
import type { OptunaStudy } from './optuna-study.js';

const STUDY_ID = 1;

/** `replace`: overwrite an existing file; without it an existing file is refused. */
export async function writeOptunaStorage(path: string, study: OptunaStudy, options: { replace: boolean }): Promise<void> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  let bytes: Uint8Array;
  try {
    db.exec(OPTUNA_TABLES);
    db.exec('BEGIN');
    fill(db, study);
    db.exec('COMMIT');
    bytes = db.export();
  } finally {
    db.close();
  }
  try {
    if (options.replace) writeFileAtomic(path, bytes);
    else if (!createFileExclusive(path, bytes)) throw new UserError(`${path}: already exists (--force replaces it)`);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`${path}: cannot write (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
}

function fill(db: Database, study: OptunaStudy): void {
  db.run('INSERT INTO alembic_version (version_num) VALUES (?)', [OPTUNA_ALEMBIC_REVISION]);
  db.run('INSERT INTO version_info (version_info_id, schema_version, library_version) VALUES (1, ?, ?)', [
    OPTUNA_SCHEMA_VERSION,
    OPTUNA_LIBRARY_VERSION,
  ]);
  db.run('INSERT INTO studies (study_id, study_name) VALUES (?, ?)', [STUDY_ID, study.name]);
  for (const [objective, direction] of study.directions.entries()) {
    db.run('INSERT INTO study_directions (direction, study_id, objective) VALUES (?, ?, ?)', [direction, STUDY_ID, objective]);
  }
  for (const [key, value] of Object.entries(study.userAttrs)) {
    db.run('INSERT INTO study_user_attributes (study_id, "key", value_json) VALUES (?, ?, ?)', [STUDY_ID, key, JSON.stringify(value)]);
  }
  const insert = {
    trial: db.prepare(
      'INSERT INTO trials (trial_id, number, study_id, state, datetime_start, datetime_complete) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    param: db.prepare('INSERT INTO trial_params (trial_id, param_name, param_value, distribution_json) VALUES (?, ?, ?, ?)'),
    value: db.prepare('INSERT INTO trial_values (trial_id, objective, value, value_type) VALUES (?, ?, ?, ?)'),
    intermediate: db.prepare(
      'INSERT INTO trial_intermediate_values (trial_id, step, intermediate_value, intermediate_value_type) VALUES (?, ?, ?, ?)',
    ),
    attr: db.prepare('INSERT INTO trial_user_attributes (trial_id, "key", value_json) VALUES (?, ?, ?)'),
  };
  try {
    for (const trial of study.trials) {
      const id = trial.number + 1;
      insert.trial.run([id, trial.number, STUDY_ID, trial.state, optunaDatetime(trial.start), optunaDatetime(trial.complete)]);
      for (const param of trial.params) insert.param.run([id, param.name, param.internal, param.distributionJson]);
      for (const [objective, value] of (trial.values ?? []).entries())
        insert.value.run([id, objective, ...(storedValue(value) as SqlValue[])]);
      for (const point of trial.intermediate) insert.intermediate.run([id, point.step, ...(storedValue(point.value) as SqlValue[])]);
      for (const [key, value] of Object.entries(trial.userAttrs)) insert.attr.run([id, key, JSON.stringify(value)]);
    }
  } finally {
    for (const statement of Object.values(insert)) statement.free();
  }
}

/**
 * SQLAlchemy's SQLite DATETIME text; local time without a zone, as Optuna writes
 * `datetime.now()`, so the dashboard shows the times a person saw.
 */
function optunaDatetime(unixMs: number | null): string | null {
  if (unixMs === null) return null;
  const t = new Date(unixMs);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return (
    `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())} ` +
    `${pad(t.getHours())}:${pad(t.getMinutes())}:${pad(t.getSeconds())}.${pad(t.getMilliseconds() * 1000, 6)}`
  );
}
