/**
 * Commands the engine takes from any client (TUI keys, `sweeptop ctl`, the socket). Each one is
 * answered with an acknowledgement or a one-line error, and recorded as an intervention.
 */
import type { Params } from '../plugin-api/space.js';

export type EngineCommand =
  | { type: 'pause'; trialId: number }
  | { type: 'resume'; trialId: number }
  /** On a queued trial: removes it from the queue (state `killed`). */
  | { type: 'kill'; trialId: number }
  /**
   * Queued: to the head of the queue. Running or paused: protected from pruning (and resumed).
   * Pruned or killed: re-queued at the head with the same parameters, protected.
   */
  | { type: 'promote'; trialId: number }
  /** Lowering never stops a running trial; fewer are launched. */
  | { type: 'setParallel'; value: number }
  | { type: 'setTrials'; value: number }
  /**
   * Queued at the head, or right behind trial `after` while that one still waits (the rows of a
   * file, `ctl add --from`, keep their order). `repeats`: the trial's own number of repeats,
   * above the sweep's (`rerun --repeats`).
   */
  | { type: 'addTrial'; params: Params; repeats?: number; after?: number }
  /** Stop launching, SIGTERM running trials, SIGKILL after `grace` (at once with `force`). */
  | { type: 'stop'; force?: boolean };

export type CommandResult = { ok: true; trialId?: number } | { ok: false; error: string };
