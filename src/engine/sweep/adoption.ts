/** A trial found running by a restarted controller, to be followed again instead of launched. */
import type { ExecutorHandle } from '../../plugin-api/executor.js';

export interface Adoption {
  handle: ExecutorHandle;
  /** Byte offsets up to which the trial's output was already recorded. */
  replayUntil: { stdout: number; stderr: number };
  /** The same for its `logs:` files, by absolute path. */
  logOffsets: Record<string, number>;
  /** Runtime as recorded, and when: a trial that ran on meanwhile has run since. */
  runtimeMs: number;
  recordedAt: number;
  /** Paused as recorded; the executor's word, when it has one, wins (TrialProcess.paused). */
  paused: boolean;
}
