/**
 * `rescore`: a sweep that ran with the wrong objective (a misspelled `metric:`, the wrong summary)
 * is scored again in place. Every finished trial's objective is recomputed from its recorded
 * points, its logs read again where they hold the objective and metrics.jsonl does not; the
 * objective it had is kept in its record's `rescored`; and the sweep's objective becomes the new
 * one, in sweep.json and in the sweep file's text it keeps, so that status, best, export and a
 * later resume all go by it.
 *
 * Nothing is written until every trial is scored: an objective no trial reported is refused with
 * the names that were seen. The sweep's lock is held throughout, so no controller takes the sweep
 * over meanwhile. Interrupted, it can be run again.
 */
import { decodeNumber, encodeNumber, type JsonNumber } from '../../plugin-api/json-number.js';
import type { Goal } from '../../plugin-api/plugin.js';
import { isActive, isFinished, type TrialState } from '../../plugin-api/trial-state.js';
import { parseSweepText } from '../config/load.js';
import { withMetric } from '../config/metric-text.js';
import { UserError } from '../errors.js';
import { objectiveSpec, standInQualifier, type ObjectiveSpec } from '../metrics/objective.js';
import { missingMetricMessage } from '../metrics/suggest-metric.js';
import { holdLock, type ControllerState } from '../state/controller-lock.js';
import { bestTrial } from '../state/export-rows.js';
import { sweepJsonPath, trialPaths } from '../state/layout.js';
import { loadSweep, type StoredSweep } from '../state/load-sweep.js';
import { appendMetricPoints, type StoredPoint } from '../state/metric-log.js';
import type { TrialRecord } from '../state/records.js';
import { replaceSweepFileText } from '../state/sweep-origin.js';
import { replaceSweepDocument } from '../state/sweep-store.js';
import { amendTrialResult } from '../state/trial-files.js';
import { logsRemoved, readCleanedRecord } from '../clean/cleaned-record.js';
import { flagAfterPrune } from './after-prune.js';
import { rescoreTrial, type RescoredFields } from './rescore-trial.js';
import { outputReader, type TrialOutputReader } from './reread-output.js';

/** What to change; each part left out stays as the sweep has it. */
export interface RescoreRequest {
  metric?: string;
  goal?: Goal;
  value?: ObjectiveSpec['value'];
  combine?: ObjectiveSpec['combine'];
}

export interface TrialRescore {
  id: number;
  state: TrialState;
  before: { objective: number | null; source: string | null };
  after: { objective: number | null; source: string | null };
  /** Its logs were read again: its metrics.jsonl held neither the objective nor a summary of it. */
  reread: boolean;
  reason: string | null;
}

export interface SweepRescore {
  metric: ObjectiveSpec;
  previous: ObjectiveSpec;
  /** The finished trials, by id. */
  trials: TrialRescore[];
  /** Trials a gone controller left running: a resumed sweep scores them by the new objective. */
  unfinished: number;
  /** The best completed trial by the new objective, as now recorded. */
  best: TrialRecord | null;
  /** What the loader could not read, and what it used instead. */
  notices: string[];
}

export async function rescoreSweep(dir: string, request: RescoreRequest, now = Date.now()): Promise<SweepRescore> {
  refuseWhileRun(dir, (await loadSweep(dir)).controller);
  const lock = holdLock(dir);
  try {
    // read again under the lock: what the check above saw may have changed
    return await rescoreHeld(await loadSweep(dir), request, now);
  } finally {
    lock.release();
  }
}

/** One trial scored, waiting to be written. */
interface Scored {
  trial: TrialRecord;
  fields: RescoredFields;
  /** Its logs were read again; the points of the objective found there, for its metrics.jsonl. */
  reread: boolean;
  added: StoredPoint[];
}

async function rescoreHeld(sweep: StoredSweep, request: RescoreRequest, now: number): Promise<SweepRescore> {
  const { dir, document, sweepFile, metric: previous } = sweep;
  if (!document || !sweepFile || !previous) {
    throw new UserError(`${sweepJsonPath(dir)}: cannot be read, and rescore records the new objective there; nothing was changed`);
  }
  // replacing one objective of several is not built: the sweep file's metric list would be rewritten
  if (sweep.objectives && sweep.objectives.length > 1) {
    throw new UserError(
      `${dir}: rescore replaces a sweep's one objective, and this sweep has ${sweep.objectives.length} (${sweep.objectives.map((o) => o.name).join(', ')}); rescoring a multi-objective sweep is not built yet; nothing was changed`,
    );
  }
  const metric = objectiveSpec({
    name: request.metric ?? previous.name,
    goal: request.goal ?? previous.goal,
    value: request.value ?? previous.value,
    combine: request.combine ?? previous.combine,
  });
  // the text a resumed sweep will run from, checked before anything is written
  const configText = withMetric(sweepFile.text, metric);
  const loaded = parseSweepText(sweepFile.file, sweepFile.path, configText);
  let reader: TrialOutputReader | undefined;
  const scored: Scored[] = [];
  const seen: string[] = [];
  // logs `clean` removed cannot be read again: said once, not taken for a trial that printed nothing
  const cleaned: number[] = [];
  for (const trial of sweep.trials.filter((t) => isFinished(t.state))) {
    const recorded = await sweep.points(trial.id);
    const names = new Set(recorded.map((p) => p.name));
    let added: StoredPoint[] = [];
    const reread = !someReport(names, metric.name);
    if (reread) {
      reader ??= await outputReader(loaded, metric.name);
      if (logsRemoved(readCleanedRecord(trialPaths(dir, trial.id)))) cleaned.push(trial.id);
      const found = await reader(trialPaths(dir, trial.id), trial.params, trial.endedAt ?? now);
      for (const point of found) names.add(point.name);
      added = flagAfterPrune(
        found.filter((p) => reports(p.name, metric.name)),
        recorded,
        trial.prunedAtStep,
      );
    }
    seen.push(...names);
    scored.push({ trial, reread, added, fields: rescoreTrial(trial, [...recorded, ...added], metric, previous, now) });
  }
  if (!someReport(new Set(seen), metric.name)) throw new UserError(missingMetricMessage(metric.name, seen));

  // The points first: a resumed sweep recomputes every objective from them. sweep.json last: its
  // metric is what makes every reader go by the new objective.
  for (const { trial, fields, added } of scored) {
    const paths = trialPaths(dir, trial.id);
    appendMetricPoints(paths.metrics, added);
    amendTrialResult(paths, trial.attempt, {
      ...fields,
      ...(trial.lastMetrics && { lastMetrics: withLastValues(trial.lastMetrics, added) }),
    });
  }
  const byId = new Map(scored.map((s) => [s.trial.id, s]));
  const trials = document.trials.map((t) => {
    const rescored = byId.get(t.id);
    return rescored && rescored.trial.attempt === t.attempt ? { ...t, ...rescored.fields } : t;
  });
  // `updatedAt` stays: a resumed sweep takes it for when the running trials' runtimes were recorded
  await replaceSweepDocument(dir, { ...document, config: { ...document.config, metric: { ...metric } }, configText, trials });
  replaceSweepFileText(dir, configText);

  return {
    metric,
    previous,
    trials: scored.map(({ trial, fields, reread }) => ({
      id: trial.id,
      state: trial.state,
      before: { objective: decodeNumber(trial.objective) ?? null, source: trial.objectiveSource ?? null },
      after: { objective: decodeNumber(fields.objective) ?? null, source: fields.objectiveSource ?? null },
      reread,
      reason: fields.reason,
    })),
    unfinished: sweep.trials.filter((t) => isActive(t.state)).length,
    best: bestTrial(
      scored.map(({ trial, fields }) => ({ ...trial, ...fields })),
      metric.goal,
    ),
    notices: cleaned.length === 0 ? sweep.notices : [...sweep.notices, cleanedNotice(cleaned, metric.name)],
  };
}

/** `name` is the objective's, or a summary that may stand in for it. */
function reports(name: string, objective: string): boolean {
  return name === objective || standInQualifier(name, objective) !== undefined;
}

function someReport(names: ReadonlySet<string>, objective: string): boolean {
  for (const name of names) if (reports(name, objective)) return true;
  return false;
}

/** result.json's last value of each metric, with the metrics read again from the logs. */
function withLastValues(last: Record<string, JsonNumber>, added: readonly StoredPoint[]): Record<string, JsonNumber> {
  const merged = { ...last };
  for (const point of added) if (!point.afterPrune) merged[point.name] = encodeNumber(point.value);
  return merged;
}

function refuseWhileRun(dir: string, controller: ControllerState): void {
  if (controller.kind === 'here') {
    throw new UserError(
      `${dir} is run by a live controller (pid ${controller.lock.pid}); stop it first (\`sweeptop stop ${dir}\`), then rescore it`,
    );
  }
  if (controller.kind === 'elsewhere') {
    const { host } = controller.lock;
    throw new UserError(
      `${dir} is run by a controller on host ${host}; stop it first (\`sweeptop stop ${dir}\` on ${host}), then rescore it`,
    );
  }
}

/** `trials 2, 5: their logs were removed by sweeptop clean: …`. */
function cleanedNotice(ids: readonly number[], metricName: string): string {
  const which = ids.length === 1 ? `trial ${ids[0]}: its logs were` : `trials ${ids.join(', ')}: their logs were`;
  return `${which} removed by \`sweeptop clean\` and cannot be read again for ${metricName}; scored from metrics.jsonl alone`;
}
