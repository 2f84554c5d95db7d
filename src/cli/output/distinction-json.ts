/** A WinnerDistinction as `best --json` (and `rerun --json`) gives it: snake_case, NaN as "nan". */
import type { WinnerDistinction, TrialStanding } from '../../engine/analysis/winner-distinction.js';
import { encodeNullableNumber, encodeNumber } from '../../plugin-api/json-number.js';
import type * as v from 'valibot';
import type { DISTINCTION } from './shapes.js';

export type BestDistinction = v.InferOutput<typeof DISTINCTION>;

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
