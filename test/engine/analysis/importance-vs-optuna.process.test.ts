/**
 * Fidelity to Optuna 3.1's default importance (FanovaImportanceEvaluator(seed=0)), checked
 * against Optuna itself on the same trials (optuna_fanova_importance.py). The forests' random
 * numbers cannot be shared, so the values differ a little: the check is that parameters whose
 * importances are clearly apart (by more than 0.1) come in the same order, and that each value
 * is within 0.05 of Optuna's (seed-to-seed, Optuna's own move by about 0.02 here).
 *
 * Needs /usr/bin/python3 with Debian's python3-optuna and python3-sklearn (.ci/run installs
 * them); without them the scenarios are skipped, with the reason in their title — except under
 * CI=true, where that fails.
 */
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parameterImportances } from '../../../src/engine/analysis/importance.js';
import { IMPORTANCE_SCENARIOS } from './importance-scenarios.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./optuna_fanova_importance.py', import.meta.url));
const CLEARLY_APART = 0.1;
const CLOSE_ENOUGH = 0.05;

async function optunaImportances(): Promise<Record<string, number>[] | string> {
  const requests = IMPORTANCE_SCENARIOS.map((s) => ({ space: s.space, seed: 0, trials: s.trials }));
  const run = await execa(PYTHON, [SCRIPT], { input: JSON.stringify(requests), reject: false });
  // Exit code 3 is the helper's "optuna or scikit-learn cannot be imported"; anything else is a broken test.
  if (run.exitCode === 3)
    return `${PYTHON} with optuna and scikit-learn is needed (apt-get install python3-optuna python3-sklearn): ${run.stdout}`;
  if (run.failed) throw new Error(`optuna_fanova_importance.py failed: ${run.stderr || run.shortMessage}`);
  return (JSON.parse(run.stdout) as { importances: Record<string, number>[] }).importances;
}

const optuna = await optunaImportances();
const missing = typeof optuna === 'string' ? ` (skipped: ${optuna})` : '';
if (missing && process.env.CI === 'true') throw new Error(`CI must run the importance fidelity test, but ${optuna as string}`);

describe.skipIf(missing !== '')(`parameter importance against Optuna 3.1 itself${missing}`, () => {
  it.each(IMPORTANCE_SCENARIOS.map((scenario, index) => [scenario.name, index] as const))('%s', (_, index) => {
    const scenario = IMPORTANCE_SCENARIOS[index]!;
    const theirs = (optuna as Record<string, number>[])[index]!;
    const result = parameterImportances(
      scenario.trials.map((t) => ({ params: t.params, objective: t.value, completed: true })),
      scenario.space,
      { seed: 0 },
    );
    if (!result.computed) throw new Error(result.reason);
    const ours = Object.fromEntries(result.importances.map((i) => [i.name, i.importance]));
    const names = Object.keys(theirs);
    expect(Object.keys(ours).sort()).toEqual([...names].sort());
    const disagreements: string[] = [];
    for (const a of names)
      for (const b of names)
        if (theirs[a]! - theirs[b]! > CLEARLY_APART && !(ours[a]! > ours[b]!))
          disagreements.push(`Optuna ranks ${a} above ${b}, sweeptop does not`);
    for (const name of names)
      if (Math.abs(ours[name]! - theirs[name]!) > CLOSE_ENOUGH)
        disagreements.push(`${name}: ${ours[name]} here, ${theirs[name]} in Optuna`);
    expect(disagreements, JSON.stringify({ ours, theirs })).toEqual([]);
    // the ranking in the result is its order
    expect(result.importances.map((i) => i.importance)).toEqual([...result.importances.map((i) => i.importance)].sort((x, y) => y - x));
  });
});
