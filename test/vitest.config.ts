import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { ProjectTimesReporter } from './helpers/project-times-reporter.js';

// Sweeps started by tests register themselves like any other: in a registry of the tests' own,
// not in the developer's (`sweeptop ls`, and `attach` without a directory, would show them).
// Set here, in the main process: test workers and the processes tests start inherit it.
process.env.XDG_STATE_HOME = mkdtempSync(join(tmpdir(), 'sweeptop-test-state-'));

const SOAK = 'test/soak/soak.test.ts';
const E2E = 'test/e2e/**';
const CLUSTER = 'test/cluster/**';
const PROCESS = 'test/**/*.process.test.{ts,tsx}';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests spawn real processes and mostly wait for them (a slow process file measured about a
    // quarter of a core): three workers keep two cores busy without starving timing-sensitive tests.
    maxWorkers: 3,
    globalSetup: ['test/helpers/remove-state-home.ts'],
    reporters: ['default', new ProjectTimesReporter()],
    // One project per kind of test, chosen by where a file is or how it is named (docs/development.md).
    // Projects of one groupOrder share one queue on the three workers (project by project, the longest
    // files first), so splitting the suite costs no wall time.
    projects: [
      // In the test's own process: no child process, no terminal, no sweep folder.
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: [PROCESS, E2E, CLUSTER, SOAK],
          setupFiles: ['test/helpers/no-child-processes.ts'],
        },
      },
      // Starts real processes (trainers, the CLI, a controller) or builds sweep folders: `*.process.test.ts`.
      { extends: true, test: { name: 'process', include: [PROCESS], exclude: [E2E, CLUSTER, SOAK] } },
      // Drives the TUI in a real terminal (tmux) or a terminal emulator.
      { extends: true, test: { name: 'e2e', include: [`${E2E}/*.test.{ts,tsx}`] } },
      // Needs the throwaway Slurm cluster or sshd daemons of test/cluster/.
      { extends: true, test: { name: 'cluster', include: [`${CLUSTER}/*.test.ts`] } },
      // The soak keeps 8 trials running for minutes: alone, after the others, so that its load
      // neither slows their tests past their timeouts nor is slowed by them.
      { extends: true, test: { name: 'soak', include: [SOAK], sequence: { groupOrder: 1 } } },
    ],
  },
});
