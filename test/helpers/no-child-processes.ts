/**
 * Setup of the `unit` project: starting a process throws, so a test that does is named
 * `*.process.test.ts` (and runs in `process`) instead of slowing and loading the unit run unseen.
 */
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';

const starters = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;
for (const name of starters) {
  (childProcess as unknown as Record<string, unknown>)[name] = () => {
    throw new Error(`a unit test started a process (child_process.${name}): name its file *.process.test.ts`);
  };
}
// Imports of `node:child_process` (ESM named exports) see the replacements too.
syncBuiltinESMExports();
