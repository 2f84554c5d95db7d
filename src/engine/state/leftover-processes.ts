/**
 * What is left running of a sweep's trials, as its executor sees it from the recorded handles:
 * `sweeptop stop` says the sweep is stopped only once this is empty, and names what is not.
 * A trial with folds or repeats has no process of its own: its runs' handles are asked.
 */
import type { ExecutorPlugin, LeftoverProcess } from '../../plugin-api/executor.js';
import { runFiles, trialPaths } from './layout.js';
import { loadSweep } from './load-sweep.js';

export async function leftoverProcesses(sweepDir: string): Promise<LeftoverProcess[]> {
  const stored = await loadSweep(sweepDir);
  const executor = stored.config?.executor?.type ?? null;
  // loaded only here, as in orphans.ts: the registry is needed only once there is something to ask
  const { builtInRegistry } = await import('../../../plugins/registry.js');
  let plugin: ExecutorPlugin | undefined;
  try {
    plugin = executor === null ? undefined : builtInRegistry().get<ExecutorPlugin>('executor', executor);
  } catch {
    // a user's executor: it cannot be asked without its module
  }
  if (!plugin?.leftovers) return [];
  const trials = stored.trials.flatMap((t) => {
    const files = trialPaths(sweepDir, t.id);
    const own = t.handle ? [{ handle: t.handle, files }] : [];
    return [...own, ...(t.runs ?? []).flatMap((run) => (run.handle ? [{ handle: run.handle, files: runFiles(files, run.index) }] : []))];
  });
  return trials.length === 0 ? [] : plugin.leftovers(trials);
}
