/**
 * The Wilcoxon signed-rank test: small cases worked by hand, then SciPy's own results — the
 * committed wilcoxon-reference.json, and SciPy itself when this machine has SciPy ≥ 1.15 (the
 * live check is skipped otherwise, with the reason in its title: CI installs no SciPy, and
 * Debian's is older, with another choice of method, so the committed file is what CI checks).
 */
import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { signedRankTest } from '../../../src/engine/analysis/wilcoxon.js';

interface ReferenceCase {
  name: string;
  differences: number[];
  statistic: number;
  p: number;
}
interface Reference {
  scipy: string;
  cases: ReferenceCase[];
}

const SCRIPT = fileURLToPath(new URL('./wilcoxon-reference.py', import.meta.url));
const COMMITTED = JSON.parse(readFileSync(new URL('./wilcoxon-reference.json', import.meta.url), 'utf8')) as Reference;

describe('signedRankTest, by hand', () => {
  it('five positive differences: the exact p is 2/32, the smallest a two-sided test of five can give', () => {
    expect(signedRankTest([0.1, 0.2, 0.3, 0.4, 0.5])).toEqual({ statistic: 0, p: 2 / 32, n: 5, zeros: 0, ties: false, method: 'exact' });
  });

  it('one negative among five: R− = 2, and 3 of the 32 sign patterns give a sum ≤ 2 ({}, {1}, {2})', () => {
    expect(signedRankTest([1, -2, 3, 4, 5])).toMatchObject({ statistic: 2, p: 6 / 32, method: 'exact' });
  });

  it('the sign of every difference flipped gives the same p', () => {
    expect(signedRankTest([-1, 2, -3, -4, -5]).p).toBe(6 / 32);
  });

  it('ties among few differences keep the exact distribution, over the tied ranks', () => {
    // Ranks 2.5, 2.5, 2.5, 2.5, 5: only all-positive reaches R+ = 15, so p = 2/32 still; the
    // normal approximation would claim p ≈ 0.041.
    expect(signedRankTest([2, 2, 2, 2, 3])).toMatchObject({ statistic: 0, p: 2 / 32, n: 5, ties: true, method: 'exact' });
  });

  it('zero differences are dropped: three positive left of five, p = 2/8', () => {
    expect(signedRankTest([0, 0, 1, 2, 3])).toMatchObject({ statistic: 0, p: 2 / 8, n: 3, zeros: 2, method: 'exact' });
  });

  it('all differences zero: nothing to test, p = 1 and n = 0', () => {
    expect(signedRankTest([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])).toMatchObject({ p: 1, n: 0, zeros: 16 });
    expect(signedRankTest([])).toMatchObject({ p: 1, n: 0, zeros: 0 });
  });

  it('exact up to 50 pairs without ties or zeros, the normal approximation beyond', () => {
    const distinct = (n: number) => Array.from({ length: n }, (_, i) => (i + 1) * (i % 3 === 0 ? -1 : 1));
    expect(signedRankTest(distinct(50)).method).toBe('exact');
    expect(signedRankTest(distinct(51)).method).toBe('normal');
  });

  it('with ties or zeros, exact up to 13 pairs (zeros counted), the normal approximation beyond', () => {
    expect(signedRankTest([1, 1, ...Array.from({ length: 11 }, (_, i) => i + 2)]).method).toBe('exact');
    expect(signedRankTest([1, 1, ...Array.from({ length: 12 }, (_, i) => i + 2)]).method).toBe('normal');
    expect(signedRankTest([0, ...Array.from({ length: 13 }, (_, i) => i + 1)])).toMatchObject({ n: 13, method: 'normal' });
  });

  it('refuses a difference that is not a finite number', () => {
    expect(() => signedRankTest([1, Number.NaN])).toThrow(/finite/);
  });
});

function expectLikeScipy(reference: Reference) {
  for (const { name, differences, statistic, p } of reference.cases) {
    const ours = signedRankTest(differences);
    expect(ours.statistic, name).toBe(statistic);
    expect(Math.abs(ours.p - p), `${name}: ours ${ours.p}, SciPy ${p}`).toBeLessThan(1e-12 * Math.max(1, p));
  }
}

describe(`signedRankTest against SciPy ${COMMITTED.scipy}'s recorded results`, () => {
  it('gives the same statistic and p-value on every recorded case', () => {
    expect(COMMITTED.cases.length).toBeGreaterThan(10);
    expectLikeScipy(COMMITTED);
  });
});

async function liveReference(): Promise<Reference | string> {
  const run = await execa('python3', [SCRIPT], { reject: false });
  if (run.exitCode === 3 || run.exitCode === 4) return run.stdout;
  if (run.failed) return `python3 cannot run (${run.shortMessage})`;
  return JSON.parse(run.stdout) as Reference;
}

const live = await liveReference();
const skipped = typeof live === 'string' ? ` (skipped: ${live})` : '';

describe.skipIf(skipped !== '')(`signedRankTest against SciPy on this machine${skipped}`, () => {
  it('gives the same results as SciPy run now, on the same cases as the recorded file', () => {
    const reference = live as Reference;
    expect(reference.cases.map((c) => c.differences)).toEqual(COMMITTED.cases.map((c) => c.differences));
    expectLikeScipy(reference);
  });
});
