/**
 * `sweeptop demo [run's flags]`: the bundled demo sweep (a fake trainer, no GPU, no Python) in a
 * temporary folder — the first command a new user types. Quitting its TUI stops the demo: a
 * newcomer's first `q` should not leave a sweep running in the background.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../engine/package-root.js';
import { parseCommandArgs } from '../args/parse.js';
import { DEMO } from '../command-table.js';
import type { CommandIO } from '../io.js';
import { runSweepFile, timestamp } from './run.js';

export const DEMO_SWEEP = join(PACKAGE_ROOT, 'fixtures', 'sweeps', 'demo.yaml');

export async function runDemo(args: string[], io: CommandIO): Promise<number> {
  const { options: values } = parseCommandArgs(DEMO, args);
  const dir = values.dir ?? join(tmpdir(), `sweeptop-demo-${timestamp(new Date())}-${process.pid}`);
  return runSweepFile(DEMO_SWEEP, { ...values, dir, stopOnQuit: true }, io);
}
