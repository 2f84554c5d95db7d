/**
 * The sentence that says whether the best trial is distinguishable from the next ones:
 *
 *   best #12: 0.951 ± 0.006; not distinguishable from #4 (p = 0.41), #9 (p = 0.22) — Wilcoxon
 *   signed-rank over shared runs, exact, α = 0.05
 *
 * one line, the significance level and the method named once at the end.
 */
import type { RivalVerdict, WinnerDistinction } from './winner-distinction.js';

const METHOD_WORDS = { exact: 'exact', normal: 'normal approximation' } as const;

/** `show` writes an objective value as the caller's screens do. */
export function winnerStatement(distinction: WinnerDistinction, show: (value: number) => string): string {
  const { best, rivals, alpha, neededRuns } = distinction;
  if (best === null) return 'no trial has run values yet';
  const head = `best #${best.id}: ${show(best.value)}${best.spread === null ? '' : ` ± ${show(best.spread)}`}`;
  if (rivals.length === 0) return `${head}; no other trial to compare with`;

  const groups = [
    group('not distinguishable from', rivals, 'not-distinguishable'),
    group('distinguishable from', rivals, 'distinguishable'),
    group('too few shared runs to tell from', rivals, 'too-few-shared-runs'),
  ].filter((text) => text !== '');
  const tested = rivals.filter((rival) => rival.verdict !== 'too-few-shared-runs');
  const how =
    tested.length === 0
      ? `the paired test needs ${neededRuns} at α = ${alpha}`
      : `Wilcoxon signed-rank over shared runs, ${methodsText(tested)}, α = ${alpha}`;
  return `${head}; ${groups.join('; ')} — ${how}`;
}

function group(words: string, rivals: readonly RivalVerdict[], verdict: RivalVerdict['verdict']): string {
  const members = rivals.filter((rival) => rival.verdict === verdict);
  return members.length === 0 ? '' : `${words} ${members.map((rival) => `#${rival.id} (${evidence(rival)})`).join(', ')}`;
}

function evidence(rival: RivalVerdict): string {
  if (rival.verdict === 'too-few-shared-runs') return String(rival.sharedRuns);
  if (rival.test.n === 0) return 'no shared run differs';
  return rival.test.p < 0.001 ? 'p < 0.001' : `p = ${Number(rival.test.p.toPrecision(2))}`;
}

/** `exact`, or each method with the trials it served when they differ. */
function methodsText(tested: readonly (RivalVerdict & { verdict: 'distinguishable' | 'not-distinguishable' })[]): string {
  const methods = [...new Set(tested.map((rival) => rival.test.method))];
  if (methods.length === 1) return METHOD_WORDS[methods[0]];
  return methods
    .map((method) => {
      const ids = tested.filter((rival) => rival.test.method === method).map((rival) => `#${rival.id}`);
      return `${METHOD_WORDS[method]} for ${ids.join(', ')}`;
    })
    .join(', ');
}
