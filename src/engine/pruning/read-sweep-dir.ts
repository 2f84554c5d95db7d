/**
 * Reads the curves of a sweep directory as the engine writes it: DIR/sweep.json (its
 * `config.metric` and `trials: [{id, state, ...}]`) and, per trial, DIR/trials/<id>/metrics.jsonl
 * (`{"name", "step", "value", ...}` per line, value possibly "nan"/"inf"/"-inf"; for a repeated
 * step the last line wins). Only the objective's lines are kept. Trials come in ascending id;
 * those not finished yet are skipped — they are not history.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeNumber } from '../../plugin-api/json-number.js';
import { isFinished, isTrialState, type TrialState } from '../../plugin-api/trial-state.js';
import type { ReplayCurve } from './replay.js';
import { isGoal, isRecord, sourceError, type ReplaySource } from './replay-source.js';

interface RecordedTrial {
  id: number;
  state: TrialState;
}

export async function readSweepDir(dir: string, metricOverride?: string): Promise<ReplaySource> {
  const file = join(dir, 'sweep.json');
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw sourceError(file, '', code === 'ENOENT' ? 'not found (is this a sweep directory?)' : 'not valid JSON');
  }
  const config = isRecord(data) && isRecord(data.config) ? data.config : {};
  const recorded = isRecord(config.metric) ? config.metric : {};
  const metric = metricOverride ?? recorded.name;
  if (typeof metric !== 'string' || metric === '') {
    throw sourceError(file, 'config.metric.name', 'expected a metric name (or give --metric)');
  }
  const goal = isGoal(recorded.goal) ? recorded.goal : undefined;
  const listed = isRecord(data) ? data.trials : undefined;
  if (!Array.isArray(listed)) throw sourceError(file, 'trials', 'expected an array of trials');
  const trials = listed.map((trial: unknown, index): RecordedTrial => {
    const { id, state } = isRecord(trial) ? trial : {};
    if (typeof id !== 'number' || !Number.isInteger(id)) throw sourceError(file, `trials[${index}].id`, 'expected an integer id');
    if (!isTrialState(state)) throw sourceError(file, `trials[${index}].state`, 'expected a trial state');
    return { id, state };
  });
  trials.sort((a, b) => a.id - b.id);

  const curves: ReplayCurve[] = [];
  const skipped: string[] = [];
  for (const trial of trials) {
    if (!isFinished(trial.state)) {
      skipped.push(String(trial.id));
      continue;
    }
    const points = await readObjective(join(dir, 'trials', String(trial.id), 'metrics.jsonl'), metric);
    curves.push({ id: String(trial.id), points, endState: trial.state });
  }
  const plugins = Array.isArray(config.plugins) ? config.plugins.filter((p): p is string => typeof p === 'string') : [];
  return { metric, goal, curves, skipped, plugins };
}

/** The objective's points of one metrics.jsonl, last line per step, by ascending step. */
async function readObjective(file: string, metric: string): Promise<Array<{ step: number; value: number }>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []; // never reported anything
    throw sourceError(file, '', 'cannot be read');
  }
  const byStep = new Map<number, number>();
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      // The last line may be torn if the trial was writing when the sweep stopped.
      if (index === lines.length - 1) return;
      throw sourceError(file, `line ${index + 1}`, 'not valid JSON');
    }
    if (!isRecord(entry) || entry.name !== metric) return;
    const { step } = entry;
    const value = decodeNumber(entry.value);
    if (typeof step !== 'number' || !Number.isFinite(step) || value === undefined) {
      throw sourceError(file, `line ${index + 1}`, 'expected a numeric "step" and "value"');
    }
    byStep.set(step, value);
  });
  return [...byStep].map(([step, value]) => ({ step, value })).sort((a, b) => a.step - b.step);
}
