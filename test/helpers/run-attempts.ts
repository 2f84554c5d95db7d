/** What a run's folder says about how often it was launched, after a controller was killed. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

/**
 * A run whose launch the kill cut short (launch.json written, no process yet) is launched once
 * more, as attempt 1 — by design; but no earlier attempt may have printed `score` (it ran).
 */
export function expectNoEarlierAttemptRan(runDir: string, label: string, score: RegExp): void {
  const earlier = readdirSync(runDir).filter((name) => name.startsWith('attempt-'));
  expect(JSON.parse(readFileSync(join(runDir, 'launch.json'), 'utf8')).attempt, label).toBe(earlier.length);
  for (const folder of earlier) {
    const log = join(runDir, folder, 'stdout.log');
    const text = existsSync(log) ? readFileSync(log, 'utf8') : '';
    expect(text, `${label} ${folder}: an earlier attempt ran`).not.toMatch(score);
  }
}
