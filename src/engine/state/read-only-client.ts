/**
 * A sweep that nothing runs (finished, or its controller died), as a SweepClient: its snapshot
 * read once from the directory, no events, and every command answered with why nothing can be
 * done and how to continue the sweep. The TUI draws it as it draws a live sweep.
 */
import type { SweepClient } from '../client.js';
import type { CommandResult } from '../commands.js';
import type { SweepSnapshot } from '../events.js';
import type { StoredSweep } from './load-sweep.js';
import { storedSnapshot } from './stored-snapshot.js';

export class ReadOnlySweep implements SweepClient {
  private readonly stored: SweepSnapshot;
  /** One line: why commands are refused, and the command that would make the sweep run again. */
  readonly notRunning: string;

  constructor(sweep: StoredSweep) {
    this.stored = storedSnapshot(sweep);
    this.notRunning = notRunningLine(sweep);
  }

  snapshot(): SweepSnapshot {
    return { ...this.stored, trials: [...this.stored.trials] };
  }

  on(): () => void {
    return () => {};
  }

  async execute(): Promise<CommandResult> {
    return { ok: false, error: this.notRunning };
  }
}

function notRunningLine(sweep: StoredSweep): string {
  return sweep.status === 'finished'
    ? `the sweep is not running (it has finished): \`sweeptop resume ${sweep.dir} --trials N\` runs it on to N trials`
    : `the sweep is not running (its controller is gone): \`sweeptop resume ${sweep.dir}\` continues it`;
}
