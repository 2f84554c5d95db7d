/** SciPy's results for the Wilcoxon signed-rank test: the recorded file, and how ours is compared with them. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { signedRankTest } from '../../../src/engine/analysis/wilcoxon.js';

export interface ReferenceCase {
  name: string;
  differences: number[];
  statistic: number;
  p: number;
}
export interface Reference {
  scipy: string;
  cases: ReferenceCase[];
}

export const COMMITTED = JSON.parse(readFileSync(new URL('./wilcoxon-reference.json', import.meta.url), 'utf8')) as Reference;

export function expectLikeScipy(reference: Reference) {
  for (const { name, differences, statistic, p } of reference.cases) {
    const ours = signedRankTest(differences);
    expect(ours.statistic, name).toBe(statistic);
    expect(Math.abs(ours.p - p), `${name}: ours ${ours.p}, SciPy ${p}`).toBeLessThan(1e-12 * Math.max(1, p));
  }
}
