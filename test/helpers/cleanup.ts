/** Sweeps a test started are stopped (SIGKILL) after it, even when it failed half-way. */
import type { Sweep } from '../../src/engine/sweep/sweep.js';

const live = new Set<Sweep>();

export function track(sweep: Sweep): Sweep {
  live.add(sweep);
  void sweep.done.then(() => live.delete(sweep));
  return sweep;
}

/** Call in afterEach before removing the sweeps' folders. */
export async function stopTrackedSweeps(): Promise<void> {
  for (const sweep of live) {
    await sweep.execute({ type: 'stop', force: true }, 'cleanup');
    if (sweep.phase !== 'running') await sweep.done;
  }
  live.clear();
}
