/**
 * What the UI knows about the sweep: the engine's snapshots, folded with the events that followed.
 * Built only by sweep-reducer.ts; components read it and never change it.
 */
import type { EngineEventName, EngineEvents, SweepSnapshot, TrialSnapshot } from '../../engine/events.js';
import type { Series } from './series.js';
import type { TrialMap } from './trial-map.js';

/** One engine event, as queued by the batcher and applied by the reducer. */
export type EngineEventRecord = {
  [E in EngineEventName]: { name: E; payload: EngineEvents[E] };
}[EngineEventName];

export type SweepInfo = Omit<SweepSnapshot, 'trials' | 'bestTrialId'>;

export interface TrialView {
  snapshot: TrialSnapshot;
  /** Local clock when `snapshot` arrived: a running trial's runtime grows from there. */
  since: number;
  /** Curves by metric name. */
  series: Readonly<Record<string, Series>>;
  /** Last lines of output (stdout and stderr as they came), `\r` redraws collapsed. */
  tail: readonly string[];
  /**
   * It had reported before this UI first saw it (the UI attached mid-sweep): the start of its
   * curves is on disk only, until read (see withHistory).
   */
  pastUnseen: boolean;
}

/** Per tunable parameter: how varied its values are (most varied columns are shown first). */
export interface ParamStat {
  name: string;
  /** Distinct values seen, counted up to DISTINCT_LIMIT. */
  distinct: number;
  /** Widest formatted value, for the column width. */
  width: number;
  values: ReadonlySet<string>;
}

export interface StatusMessage {
  time: number;
  level: 'info' | 'warn' | 'error';
  text: string;
}

export interface SweepView {
  info: SweepInfo;
  trials: TrialMap;
  best: { trialId: number; objective: number } | null;
  /** The objective first, then every other metric in the order first seen. */
  metricNames: readonly string[];
  params: readonly ParamStat[];
  /** Engine messages and interventions, newest last, bounded. */
  messages: readonly StatusMessage[];
  /** Bumped when a trial appears or changes state: what sorting by state/id depends on. */
  revision: number;
  /** Local clock at the last commit (durations are drawn against it). */
  now: number;
  /**
   * Trial output arrives as events. False until the first one: a client attached without the
   * output stream, whose panes then read the trials' files instead.
   */
  outputStreamed: boolean;
  /** Why the connection to the sweep's controller ended; null while it lasts. */
  disconnected: string | null;
  /** A big sweep's trials still arriving after the first part (counts are partial meanwhile). */
  arriving: { received: number; total: number } | null;
  /**
   * The summary standing in for the objective (`final/val_loss`) since a trial never printed the
   * objective's own name: the header says so.
   */
  objectiveSource: string | null;
}

export const TAIL_LINES = 20;
export const MESSAGE_LIMIT = 50;
export const DISTINCT_LIMIT = 1000;

/** Runtime to show: a running trial's clock keeps going between snapshots. */
export function runtimeOf(trial: TrialView, now: number): number {
  const base = trial.snapshot.runtimeMs;
  return trial.snapshot.state === 'running' ? base + Math.max(0, now - trial.since) : base;
}
