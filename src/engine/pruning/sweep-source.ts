/**
 * A sweep directory as replay's SOURCE, through the sweep's loader: its finished trials in
 * ascending id, each with its objective's curve (the last value per step); trials not finished
 * yet are skipped — they are not history. The objective is the recorded one unless --metric
 * names another; when the sweep file is lost it is not recorded, and `unrecorded` says why.
 * A sweep with folds or repeats gives each trial its runs (run-curves.ts) and the sweep's
 * pruning across runs as recorded; a budget sweep, its levels and promotion rules.
 */
import { isFinished } from '../../plugin-api/trial-state.js';
import { loadSweep } from '../state/load-sweep.js';
import type { ReplayCurve } from './replay.js';
import type { ReplaySource } from './replay-source.js';
import { runCurve } from './run-curves.js';

export async function readSweepSource(dir: string, metricOverride?: string): Promise<ReplaySource> {
  const sweep = await loadSweep(dir);
  const metric = metricOverride ?? sweep.metric?.name;
  const base = {
    metric,
    goal: sweep.metric?.goal,
    plugins: sweep.config?.plugins ?? [],
    notes: sweep.notices,
    acrossRuns: sweep.config?.runsPruning ?? null,
    budget: sweep.config?.budget ?? null,
    ...(!sweep.metric && { unrecorded: sweep.document ? 'no metric in sweep.json' : 'sweep.json cannot be read' }),
  };
  const curves: ReplayCurve[] = [];
  const skipped: string[] = [];
  for (const trial of sweep.trials) {
    if (!isFinished(trial.state)) skipped.push(String(trial.id));
    else if (metric === undefined) continue;
    else if (trial.runs) curves.push(runCurve(trial, await sweep.points(trial.id), metric, sweep.config?.folds ?? null));
    else curves.push({ id: String(trial.id), points: await sweep.curve(trial.id, metric), endState: trial.state });
  }
  return { ...base, curves, skipped };
}
