/**
 * What a client of a sweep sees: a snapshot, a stream of events, and a way to send commands.
 * The in-process engine implements it, and so will the control-socket client, so the TUI and the
 * headless reporter never know whether the sweep runs in their own process.
 */
import type { CommandResult, EngineCommand } from './commands.js';
import type { EngineEventName, EngineEvents, SweepSnapshot } from './events.js';

export interface SweepClient {
  snapshot(): SweepSnapshot;
  /** Returns a function that removes the listener. */
  on<E extends EngineEventName>(event: E, listener: (payload: EngineEvents[E]) => void): () => void;
  /** `by` names who asked (recorded with the intervention): 'tui', 'ctl', … */
  execute(command: EngineCommand, by: string): Promise<CommandResult>;
  /**
   * A sweep served by a controller elsewhere can be lost (the controller died, or finished and
   * exited): called once with why. The in-process engine cannot be lost and leaves it out.
   */
  onDisconnected?(listener: (reason: string) => void): () => void;
  /**
   * A big sweep served from elsewhere may arrive in parts: called with how many trials are in so
   * far, then null once all are (each arriving trial is also a 'trial:updated' event).
   */
  onSnapshotProgress?(listener: (progress: { received: number; total: number } | null) => void): () => void;
  /** The parts after the first wait for this: a view calls it once it has drawn the first. */
  continueSnapshot?(): void;
}
