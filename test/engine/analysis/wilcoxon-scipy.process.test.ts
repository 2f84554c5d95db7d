/**
 * The Wilcoxon signed-rank test against SciPy itself, when this machine has SciPy ≥ 1.15 (skipped
 * otherwise, with the reason in its title: CI installs no SciPy, and Debian's is older, with
 * another choice of method, so the committed wilcoxon-reference.json is what CI checks).
 */
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMITTED, expectLikeScipy, type Reference } from './scipy-reference.js';

const SCRIPT = fileURLToPath(new URL('./wilcoxon-reference.py', import.meta.url));

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
