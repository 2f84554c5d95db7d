import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Sweeps started by tests register themselves like any other: in a registry of the tests' own,
// not in the developer's (`sweeptop ls`, and `attach` without a directory, would show them).
// Set here, in the main process: test workers and the processes tests start inherit it.
process.env.XDG_STATE_HOME = mkdtempSync(join(tmpdir(), 'sweeptop-test-state-'));

const SOAK = 'test/soak/soak.test.ts';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests spawn real processes; two cores are the norm here, so keep parallelism modest.
    maxWorkers: 2,
    globalSetup: ['test/helpers/remove-state-home.ts'],
    projects: [
      { extends: true, test: { name: 'suite', include: ['test/**/*.test.{ts,tsx}'], exclude: [SOAK] } },
      // The soak keeps 8 trials running for minutes: alone, after the suite, so that its load
      // neither slows the suite's tests past their timeouts nor is slowed by them.
      { extends: true, test: { name: 'soak', include: [SOAK], sequence: { groupOrder: 1 } } },
    ],
  },
});
