/**
 * What the screen says about a sweep's health: which running trials are silent, and when trials
 * and the sweep will end. The engine decides both (TrialSnapshot.silentSince, etaMs, sweepEtaMs);
 * this only ages them to the screen's clock, read in 5 s steps, so that these cells change at
 * most every 5 s and cost nothing over SSH between.
 */
import { sweepEtaMs } from '../../engine/sweep/sweep-eta.js';
import { runtimeOf, type SweepView, type TrialView } from './sweep-view.js';

export const HEALTH_STEP_MS = 5000;

/** The clock these cells are drawn against: `now`, held for 5 s at a time. */
export function healthClock(now: number): number {
  return now - (now % HEALTH_STEP_MS);
}

/** How long a running trial has been silent, when the engine flagged it; else null. */
export function silentFor(trial: TrialView, clock: number): number | null {
  const { state, silentSince } = trial.snapshot;
  return state === 'running' && silentSince !== null ? Math.max(0, clock - silentSince) : null;
}

/** Running time a trial has still to go, aged since its snapshot; null when unknown. */
export function trialEta(trial: TrialView, clock: number): number | null {
  const { etaMs, runtimeMs } = trial.snapshot;
  if (etaMs === null) return null;
  return Math.max(0, etaMs - Math.max(0, runtimeOf(trial, clock) - runtimeMs));
}

export interface SweepHealth {
  silent: number;
  /** Until the sweep ends; null when not running or before any trial completed. */
  etaMs: number | null;
}

export function sweepHealth(view: SweepView, clock: number): SweepHealth {
  let silent = 0;
  const trials = [];
  for (const trial of view.trials.values()) {
    if (silentFor(trial, clock) !== null) silent++;
    trials.push({ state: trial.snapshot.state, runtimeMs: runtimeOf(trial, clock), etaMs: trialEta(trial, clock) });
  }
  const etaMs = view.info.phase === 'running' ? sweepEtaMs(trials, view.info.trialsTarget, view.info.parallel) : null;
  return { silent, etaMs };
}
