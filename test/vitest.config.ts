import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Sweeps started by tests register themselves like any other: in a registry of the tests' own,
// not in the developer's (`sweeptop ls`, and `attach` without a directory, would show them).
const stateHome = mkdtempSync(join(tmpdir(), 'sweeptop-test-state-'));
process.env.XDG_STATE_HOME = stateHome;

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests spawn real processes; two cores are the norm here, so keep parallelism modest.
    maxWorkers: 2,
    env: { XDG_STATE_HOME: stateHome },
    globalSetup: ['test/helpers/remove-state-home.ts'],
  },
});
