/**
 * The recorded score × budget table is real output of fixtures/sklearn_budget.py: a few of its rows,
 * run again as their own processes (where Debian's python3-sklearn is installed), print exactly the
 * recorded score and nothing else.
 */
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const path = (name: string) => fileURLToPath(new URL(`../../${name}`, import.meta.url));
const PYTHON = '/usr/bin/python3';

const hasSklearn = (() => {
  try {
    execFileSync(PYTHON, ['-c', 'import sklearn'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(PYTHON, [path('fixtures/sklearn_budget.py'), ...args], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

const rows = readFileSync(path('bench/data/budget-scores.csv'), 'utf8')
  .split('\n')
  .filter((line) => line && !line.startsWith('#'))
  .slice(1)
  .map((line) => line.split(','));

describe.skipIf(!hasSklearn)('bench/data/budget-scores.csv', () => {
  // a hopeless configuration at the smallest budget and a good one at the full budget, among others
  it.each([0, 5, 2 * 4 + 3, rows.length - 2])('row %i is what the script prints for it today', async (index) => {
    const [, C, gamma, budget, score] = rows[index];
    const { code, stdout, stderr } = await run(['--C', C, '--gamma', gamma, '--subsample', budget]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(`val_acc: ${score}\n`);
  });
});

describe.skipIf(!hasSklearn)('sklearn_budget.py', () => {
  it('refuses a subsample outside (0, 1] as argparse does', async () => {
    const { code, stderr } = await run(['--subsample', '1.5']);
    expect(code).toBe(2);
    expect(stderr).toContain('sklearn_budget.py: error: argument --subsample: 1.5 is not in (0, 1]');
  });
});
