/** Control servers and remote clients a test opened, closed after it even when it failed. */
import { connectToSweep, type ConnectOptions, type RemoteSweep } from '../../../src/engine/control/client.js';
import { startControlServer, type ControlServer, type ControlServerOptions } from '../../../src/engine/control/server.js';
import type { SweepClient } from '../../../src/engine/client.js';
import { ENGINE_EVENT_NAMES, type SweepSnapshot } from '../../../src/engine/events.js';

const servers = new Set<ControlServer>();
const remotes = new Set<RemoteSweep>();

export async function serve(client: SweepClient, dir: string, options?: ControlServerOptions): Promise<ControlServer> {
  const server = await startControlServer(client, dir, options);
  servers.add(server);
  return server;
}

export async function attach(dir: string, options?: ConnectOptions): Promise<RemoteSweep> {
  const remote = await connectToSweep(dir, options);
  remotes.add(remote);
  return remote;
}

/** Call in afterEach, before stopping sweeps and removing folders. */
export async function closeAll(): Promise<void> {
  for (const remote of remotes) remote.close();
  remotes.clear();
  for (const server of servers) await server.close();
  servers.clear();
}

const ALL_BUT_FINISHED = ENGINE_EVENT_NAMES.filter((name) => name !== 'sweep:finished');

/**
 * The client's mirror as it stood before 'sweep:finished' replaced it with the final snapshot:
 * what the deltas alone built.
 */
export function mirrorBeforeFinish(remote: RemoteSweep): { current: SweepSnapshot } {
  const kept = { current: remote.snapshot() };
  for (const event of ALL_BUT_FINISHED) remote.on(event, () => (kept.current = remote.snapshot()));
  return kept;
}
