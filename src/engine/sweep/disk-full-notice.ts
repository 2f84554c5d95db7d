/**
 * What every client is told when the sweep's disk becomes full or has room again. Launching pauses
 * meanwhile (a trial could not even write its parameters); trials already running go on, and what
 * cannot be written is held in memory and retried (state/disk-pressure.ts).
 */
import type { EngineEmitter } from '../emitter.js';
import type { DiskFullStanding } from '../state/disk-pressure.js';
import { liveProcesses } from './run-entry.js';
import type { TrialEntry } from './trial-entry.js';

export function announceDiskChange(
  emitter: EngineEmitter,
  dir: string,
  entries: Iterable<TrialEntry>,
  diskFull: DiskFullStanding | null,
): void {
  if (diskFull) {
    const running = [...entries].filter((e) => liveProcesses(e).length > 0).length;
    emitter.emit('sweep:message', {
      level: 'error',
      text: `disk full: launching paused; free space in ${dir} (${running} running trials go on; what cannot be written is held in memory and retried)`,
    });
  } else {
    emitter.emit('sweep:message', { level: 'info', text: `disk space is back in ${dir}: launching resumes` });
  }
  emitter.emit('sweep:disk', { diskFull });
}
