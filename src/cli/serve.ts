/**
 * What makes a running sweep reachable: the controller lock, the control socket (for `attach`,
 * `ctl`, `stop`), and the per-user registry (for `ls` and a bare `attach`). Used by the detached
 * controller and by a foreground headless run alike.
 */
import { startControlServer } from '../engine/control/server.js';
import { registerSweep } from '../engine/control/registry.js';
import type { Sweep } from '../engine/sweep/sweep.js';
import { holdLock } from '../engine/state/controller-lock.js';

export interface Served {
  close(): Promise<void>;
}

export async function serveSweep(sweep: Sweep): Promise<Served> {
  const lock = holdLock(sweep.dir);
  const server = await startControlServer(sweep, sweep.dir);
  // registered at each controller start: `ls` and a bare `attach` put the most recently started first.
  // A detached controller inherits the folder `run`/`resume` was typed in, so both kinds record it.
  await registerSweep({ dir: sweep.dir, name: sweep.resolved.config.name, createdAt: Date.now(), startedIn: process.cwd() }).catch(
    () => {},
  );
  return {
    async close() {
      await server.close();
      lock.release();
    },
  };
}
