/**
 * What is written about trials and the sweep, and how it is read back. Numbers that may be NaN or
 * infinite are encoded (json-number.ts) because JSON cannot hold them.
 */
import type { Params } from '../../plugin-api/space.js';
import type { TrialState } from '../../plugin-api/trial-state.js';
import type { ExecutorHandle } from '../../plugin-api/executor.js';
import type { HookFailure, Intervention, SweepPhase } from '../events.js';
import type { JsonNumber } from '../../plugin-api/json-number.js';
import type { EchoedValue } from '../../plugin-api/parser.js';
import type { WarmStart } from '../sweep/warm-start.js';

/** One trial as stored in sweep.json and, once finished, in its result.json. */
/**
 * What is recorded of anything sweeptop runs as a process of its own — a trial, or one run of a
 * trial with folds or repeats: its attempt, its process, how and why it ended.
 */
export interface ProcessRecord {
  attempt: number;
  state: TrialState;
  argv: string[];
  /** How the executor finds the process again; the executor's own data, read by it alone. */
  handle: ExecutorHandle | null;
  /** The pid to show (a local process), as its executor gave it. */
  pid: number | null;
  gpus: string[] | null;
  /** The SSH host or Slurm node, when not local. */
  host?: string;
  startedAt: number | null;
  endedAt: number | null;
  runtimeMs: number;
  exitCode: number | null;
  signal: string | null;
  objective: JsonNumber | null;
  reason: string | null;
  /**
   * Who ended a killed trial: the sweep (a stop, a shutdown, or the sweep ending before it ran) —
   * `resume` runs it again — or a person killing this one trial, which stays killed. Absent in
   * records written before it existed, and for every other state.
   */
  stoppedBy?: StoppedBy;
  /** How many times it was found lost after a controller restart (it is re-run once). */
  lostCount?: number;
  /** The step the pruner judged it at; later points are not its objective. */
  prunedAtStep?: number;
  /** Only in result.json. */
  stderrTail?: string[];
}

export interface TrialRecord extends ProcessRecord {
  id: number;
  params: Params;
  cwd: string;
  promoted: boolean;
  best: JsonNumber | null;
  step: number | null;
  steps: number;
  /** Folds (contexts) the objective combines, when more than one, and their standard deviation. */
  contexts?: number;
  spread?: JsonNumber | null;
  /** The summary the objective was taken from (`mean/accuracy`) when the script never printed its own name. */
  objectiveSource?: string;
  /**
   * A sweep of several objectives: every objective's value, in the sweep file's order (the first
   * is `objective`); absent in a sweep of one (objectives/recorded.ts reads both alike).
   */
  objectives?: Array<JsonNumber | null>;
  /** Configuration it echoed and values printed once before training. */
  echoed?: Record<string, EchoedValue>;
  /** Objectives it had before `sweeptop rescore` changed them, oldest first. */
  rescored?: RescoredObjective[];
  /** While it runs and is flagged silent: unix ms of its last output (TrialSnapshot.silentSince). */
  silentSince?: number;
  /** While it runs: its running time still to go as of `runtimeMs`, when its pace is known. */
  etaMs?: number;
  /** What sweeptop could not read of its output as printed (TrialSnapshot.notes). */
  notes?: string[];
  /**
   * Set by the loader alone (never written): why the trial's parameters could not be read back
   * whole. Such a trial is lost and never runs again.
   */
  unreadableParams?: string;
  /** Only in result.json. */
  lastMetrics?: Record<string, JsonNumber>;
  /** A sweep with folds or repeats: each run of the trial (runs/<index>/ in its folder), in index order. */
  runs?: RunRecord[];
  /** Its own number of repeats when it was added with more than the sweep's (`rerun --repeats`). */
  repeats?: number;
  /** A budget sweep's trial: its Hyperband bracket (null under asha) and start level. */
  ladder?: { bracket: number | null; startLevel: number };
}

/**
 * One run of a trial (a fold, a repeat, or both), as its trial's record lists it and as its own
 * result.json holds it when it ends. `objective` is its own result, which the trial's combines.
 */
export interface RunRecord extends ProcessRecord {
  index: number;
  /** Its context in the objective: `fold 2`, `repeat 1`, `fold 2 repeat 1`. */
  key: string;
}

export type StoppedBy = 'sweep' | 'person';

export interface RescoredObjective {
  /** Unix ms of the rescore. */
  at: number;
  metric: { name: string; goal: string; value: string; combine: string };
  objective: JsonNumber | null;
  best: JsonNumber | null;
  state: TrialState;
}

export interface ReproducibilityRecord {
  sweeptopVersion: string;
  node: string;
  host: string;
  user: string;
  cwd: string;
  command: string[];
  git: { commit: string; dirty: boolean } | null;
}

export interface SweepDocument {
  /** The directory's format version (format.ts). */
  schema: number;
  name: string;
  /** The validated sweep file (see config/types.ts), as loaded. */
  config: Record<string, unknown>;
  /** The sweep file's text, so the sweep can be resumed even if the file changed or vanished. */
  configText: string;
  seed: number;
  createdAt: number;
  updatedAt: number;
  phase: SweepPhase;
  stopReason: string | null;
  parallel: number;
  trialsTarget: number;
  reproducibility: ReproducibilityRecord;
  interventions: Intervention[];
  /** The last hook that failed; absent when none has (or written before hooks existed). */
  hookFailure?: HookFailure;
  /** Earlier sweeps' trials the sampler learns from first; absent without a warm start. */
  warmStart?: WarmStart;
  trials: TrialRecord[];
}

/** What sweep.json holds besides its trials: what a resumed sweep takes over. */
export type SweepMetadata = Pick<SweepDocument, 'createdAt' | 'parallel' | 'trialsTarget' | 'interventions' | 'hookFailure'>;

/** trials/<id>/launch.json: what the trial folder knows the moment the trial's process exists. */
export interface LaunchRecord {
  attempt: number;
  handle: ExecutorHandle;
  /** The pid to show; absent in format 1. */
  pid?: number | null;
  startedAt: number;
  gpus: string[] | null;
  argv: string[];
  cwd: string;
}

/** sweeptop.json: what the directory is, written once when it is created (format 2 on). */
export interface SweepIdentity {
  format: number;
  /** The sweep file as the user named it and its absolute path: relative paths in it are relative to its folder. */
  sweepFile: { file: string; path: string };
  createdAt: number;
  reproducibility: ReproducibilityRecord;
  /**
   * The `--warm-start` directories of the command line that created the sweep, made absolute
   * against the folder it ran in (which no other record keeps): a damaged sweep.json's warm start
   * is read again from them. Absent without the flag, and in directories made before it was kept.
   */
  warmStartFlags?: string[];
}
