/** Whether the best trial is distinguishable from the next, as `best` and `rerun` say it and `best --json` gives it. */
import { leadingRunValues } from '../../engine/analysis/stored-run-values.js';
import { distinguishWinner, type TrialStanding, type WinnerDistinction } from '../../engine/analysis/winner-distinction.js';
import { winnerStatement } from '../../engine/analysis/winner-statement.js';
import type { Objective, StoredSweep } from '../../engine/state/load-sweep.js';
import type { TrialRecord } from '../../engine/state/records.js';
import { formatMetric } from '../format.js';
import { encodeNullableNumber, encodeNumber } from '../../plugin-api/json-number.js';
import type * as v from 'valibot';
import type { DISTINCTION } from './shapes.js';

export type BestDistinction = v.InferOutput<typeof DISTINCTION>;

/** How many trials after the best are compared with it. */
const RIVALS = 3;

/**
 * `best #12: 0.951 ± 0.006; not distinguishable from #4 (p = 0.41) — …` when the objective
 * combines runs or folds, with the verdicts for `--json`; null otherwise.
 */
export async function winnerDistinction(sweep: StoredSweep, metric: Objective, best: TrialRecord): Promise<BestDistinction | null> {
  if (!best.contexts || best.contexts < 2) return null;
  const leading = await leadingRunValues(sweep, metric, RIVALS + 1);
  const distinction = distinguishWinner(leading, metric.goal, { rivals: RIVALS, combine: metric.combine });
  if (distinction.best?.id !== best.id) {
    const statement = `cannot tell whether trial ${best.id} is distinguishable from the next: its recorded runs rank trial ${distinction.best?.id ?? '-'} first`;
    return { best: null, rivals: [], alpha: distinction.alpha, needed_runs: distinction.neededRuns, statement };
  }
  return distinctionJson(distinction, winnerStatement(distinction, formatMetric));
}

export function distinctionJson(distinction: WinnerDistinction, statement: string): BestDistinction {
  return {
    best: distinction.best && standing(distinction.best),
    rivals: distinction.rivals.map((rival) => ({
      ...standing(rival),
      shared_runs: rival.sharedRuns,
      verdict: rival.verdict,
      p: rival.verdict === 'too-few-shared-runs' ? null : rival.test.p,
      method: rival.verdict === 'too-few-shared-runs' ? null : rival.test.method,
    })),
    alpha: distinction.alpha,
    needed_runs: distinction.neededRuns,
    statement,
  };
}

function standing(trial: TrialStanding) {
  return { id: trial.id, value: encodeNumber(trial.value), spread: encodeNullableNumber(trial.spread), runs: trial.runs };
}
