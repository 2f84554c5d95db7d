/**
 * The winner line of a sweep with folds or repeats: the sentence `sweeptop best` prints
 * (analysis/winner-statement.ts), made shorter step by step until it fits the width: the test's
 * name shortened, then left out, then the p-values, then in symbols; never wrapped.
 */
import type { RivalVerdict, WinnerDistinction } from '../../engine/analysis/winner-distinction.js';
import { winnerStatement } from '../../engine/analysis/winner-statement.js';
import { fitNumber } from './number.js';
import { cellWidth, truncate } from './text.js';

const show = (value: number) => fitNumber(value, 9);

export function winnerLine(distinction: WinnerDistinction, width: number): string {
  const full = winnerStatement(distinction, show);
  // the method is said while there is room: exact or approximate matters to small k
  const briefMethod = full.replace(' signed-rank over shared runs', '').replace(/, α = [\d.e-]+$/, '');
  const candidates = [full, briefMethod, full.split(' — ')[0], withoutEvidence(distinction), inSymbols(distinction)];
  const fitting = candidates.find((text) => cellWidth(text) <= width);
  return fitting ?? truncate(candidates[candidates.length - 1], width);
}

const WORDS: Record<RivalVerdict['verdict'], string> = {
  'not-distinguishable': 'not distinguishable from',
  distinguishable: 'distinguishable from',
  'too-few-shared-runs': 'too few runs to tell from',
};
/** ≈ cannot be told apart, ≠ can, ? too few shared runs to test. */
const SYMBOLS: Record<RivalVerdict['verdict'], string> = { 'not-distinguishable': '≈', distinguishable: '≠', 'too-few-shared-runs': '?' };

function withoutEvidence(distinction: WinnerDistinction): string {
  if (distinction.rivals.length === 0) return `best #${distinction.best?.id}: no other trial to compare with`;
  return `best #${distinction.best?.id}: ${groups(distinction, (verdict, ids) => `${WORDS[verdict]} ${ids.join(', ')}`).join('; ')}`;
}

function inSymbols(distinction: WinnerDistinction): string {
  return `best #${distinction.best?.id} ${groups(distinction, (verdict, ids) => `${SYMBOLS[verdict]} ${ids.join(' ')}`).join(' ')}`;
}

function groups(distinction: WinnerDistinction, write: (verdict: RivalVerdict['verdict'], ids: string[]) => string): string[] {
  const order: RivalVerdict['verdict'][] = ['not-distinguishable', 'distinguishable', 'too-few-shared-runs'];
  return order
    .map((verdict) => distinction.rivals.filter((rival) => rival.verdict === verdict).map((rival) => `#${rival.id}`))
    .flatMap((ids, i) => (ids.length === 0 ? [] : [write(order[i], ids)]));
}
