/**
 * A sweep controller in a process of its own, so that a test can kill it with SIGKILL mid-sweep
 * and resume the sweep from its folder, as `sweeptop resume` would after a crash.
 *
 *   node --import tsx controller-child.ts SWEEP_FILE SWEEP_DIR
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { parseSweepText } from '../../src/engine/config/load.js';
import { resolveSweep } from '../../src/engine/config/resolve.js';
import { Sweep } from '../../src/engine/sweep/sweep.js';

const [file, dir] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
mkdirSync(dir, { recursive: true });
const resolved = await resolveSweep(parseSweepText(file, file, text), text, { sweepDir: dir });
const sweep = new Sweep({
  resolved,
  dir,
  reproducibility: {
    sweeptopVersion: 'test',
    node: process.version,
    host: 'test',
    user: 'test',
    cwd: process.cwd(),
    command: [],
    git: null,
  },
});
await sweep.persist();
sweep.start();
await sweep.done;
