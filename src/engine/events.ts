/**
 * The typed events the engine emits. Every consumer — the headless reporter, the Ink UI, the
 * store, the control socket — is just a listener of these; none of them owns sweep state.
 */
import type { Params, Parameter } from '../plugin-api/space.js';
import type { TrialState } from '../plugin-api/trial-state.js';
import type { EchoedValue } from '../plugin-api/parser.js';
import type { ObjectiveSpec } from './metrics/objective.js';
import type { DiskFullStanding } from './state/disk-pressure.js';
import type { WinnerDistinction } from './analysis/winner-distinction.js';
import type { PromotionStanding } from './budget/promotion.js';

/** Everything a client needs to draw one trial. Plain data: safe to serialise. */
/** One run of a trial (a fold, a repeat, or both): its own process, files and state. */
export interface RunSnapshot {
  index: number;
  /** Its context in the trial's objective: `fold 2`, `repeat 1`, `fold 2 repeat 1`. */
  key: string;
  state: TrialState;
  attempt: number;
  /** Its own result, which the trial's objective combines. */
  objective: number | null;
  pid: number | null;
  exitCode: number | null;
  reason: string | null;
  runtimeMs: number;
  dir: string;
  /** Its `argv` quoted for a POSIX shell, ready to paste (its trial's `command` is its first run's). */
  command: string;
  /** A budget sweep's run: its level, an index into SweepSnapshot.budgetLevels. */
  level?: number;
  /** A level reached by promotion: the result at the level below and its rank there (2nd of 9). */
  promotion?: PromotionStanding;
}

export interface TrialSnapshot {
  id: number;
  /** 0 for the first run; a retry or a re-queue after `lost` runs the same id again. */
  attempt: number;
  params: Params;
  state: TrialState;
  /** Protected from automatic pruning; promoted queued trials run next. */
  promoted: boolean;
  argv: string[];
  /** `argv` quoted for a POSIX shell, ready to paste. */
  command: string;
  cwd: string;
  dir: string;
  gpus: string[] | null;
  /** Where it runs when not on this machine: the SSH host or the Slurm node; null locally. */
  host: string | null;
  pid: number | null;
  /** Executor's queue position or reason when `pending` (e.g. Slurm's `Priority`). */
  pendingReason: string | null;
  /** Unix ms. */
  startedAt: number | null;
  endedAt: number | null;
  /** Time spent running, paused time excluded. */
  runtimeMs: number;
  exitCode: number | null;
  signal: string | null;
  /** Why it ended, e.g. "pruned at step 12: …", "exit code 1", "no val_loss reported". */
  reason: string | null;
  /**
   * The objective (metrics/objective.ts): each context's last (or best) value, combined; may be
   * NaN. For a plain script, the last reported value.
   */
  objective: number | null;
  /** Best single value reported of the metric the objective is taken from. */
  best: number | null;
  /** Step of the last objective report. */
  step: number | null;
  /** Number of objective reports. */
  steps: number;
  /** Standard deviation of the folds' (contexts') results, with two or more. */
  spread: number | null;
  /** How many folds (contexts) the objective combines; 1 for a plain script, 0 before any report. */
  contexts: number;
  /** The summary the objective is taken from (`mean/accuracy`) when the script never printed its own name. */
  objectiveSource: string | null;
  /**
   * A sweep of several objectives: every objective's value, in the sweep file's order (the first
   * is `objective`); absent in a sweep of one.
   */
  objectives?: Array<number | null>;
  /** Configuration the script echoed and values it printed once before training: not metrics. */
  echoed: Record<string, EchoedValue>;
  /** Last value of every metric seen. */
  lastMetrics: Record<string, number>;
  /** Last lines of stderr, kept for failed trials. */
  stderrTail: string[];
  /** What sweeptop could not read as printed (a line cut for its length…), each said once. */
  notes?: string[];
  /** The value the pruner last compared this trial with, for drawing. */
  pruneThreshold: number | null;
  /** A sweep with folds or repeats: the trial's runs in index order (each its own process and folder). */
  runs?: RunSnapshot[];
  /**
   * Unix ms of its last output (stdout, stderr or a `logs:` file), set while it runs and has been
   * silent longer than max(60 s, 5 × its median gap between outputs); null otherwise.
   */
  silentSince: number | null;
  /** How far its training is, when its output says so with a total (`Epoch 3/10`). */
  progress: { done: number; total: number } | null;
  /** Running time still to go, from its pace, as of `runtimeMs`; null when unknown or not running. */
  etaMs: number | null;
}

export type SweepPhase = 'running' | 'stopping' | 'finished';

export interface SweepSnapshot {
  name: string;
  dir: string;
  /** The first objective (the only one of most sweeps). */
  metric: ObjectiveSpec;
  /**
   * Every objective, in the sweep file's order; absent from a snapshot sent by a controller
   * older than multi-objective sweeps (then `[metric]`).
   */
  objectives?: ObjectiveSpec[];
  parameters: Parameter[];
  sampler: string;
  pruner: string;
  executor: string;
  parallel: number;
  /** Total number of trials the sweep will run (`trials`, or the grid's size). */
  trialsTarget: number;
  gpus: string[] | null;
  gpusPerTrial: number;
  /** Unix ms when the sweep was first started; a resume keeps it. */
  startedAt: number;
  /** Unix ms when the sweep finished; null before. */
  finishedAt: number | null;
  phase: SweepPhase;
  /** Why launching stopped (budget reached, stop_when, crash loop, user…), once it has. */
  stopReason: string | null;
  bestTrialId: number | null;
  /** Set while the sweep directory's disk is full: launching waits, unwritten state is held in memory. */
  diskFull?: DiskFullStanding | null;
  /**
   * A sweep with folds or repeats: whether its best completed trial is distinguishable from the
   * next ones (the test `sweeptop best` prints), as of the last run that completed; absent otherwise.
   */
  winner?: WinnerDistinction | null;
  /** The last hook that failed (docs/hooks.md); absent when none has. */
  hookFailure?: HookFailure | null;
  /** A budget sweep: its budget levels, ascending (the last is `max`); absent otherwise. */
  budgetLevels?: number[];
  /** A warm-started sweep: how many earlier trials its sampler learns from, and from which sweep directories; absent otherwise. */
  warmStart?: WarmStartSummary;
  trials: TrialSnapshot[];
}

export interface WarmStartSummary {
  trials: number;
  dirs: string[];
}

/** A trial's objective after a report that changed it, as the engine computed it: clients never recompute it. */
export type ObjectiveStanding = Pick<
  TrialSnapshot,
  'objective' | 'best' | 'step' | 'steps' | 'spread' | 'contexts' | 'objectiveSource' | 'objectives'
>;

export interface MetricEvent {
  trialId: number;
  name: string;
  step: number;
  value: number;
  /** The fold, split or seed it belongs to (`fold 3`). */
  context?: string;
  /** Set when the point changed the trial's objective. */
  standing?: ObjectiveStanding;
  /** With `standing`, when the point is a run's: that run's result as it now stands (RunSnapshot.objective). */
  run?: { index: number; objective: number | null };
  /** Printed after the trial was judged pruned: kept, never its objective. */
  afterPrune?: true;
  /** Unix ms. */
  time: number;
  /** True for a value still being redrawn by a progress bar; it is recorded once superseded. */
  provisional: boolean;
}

export interface OutputEvent {
  trialId: number;
  stream: 'stdout' | 'stderr';
  /** The line with ANSI escapes kept, without its terminator. */
  line: string;
}

/** A hook that failed (exited non-zero, was killed at its timeout, or could not start): the last one is kept. */
export interface HookFailure {
  /** The hook's event: `on_new_best`. */
  event: string;
  /** Unix ms when it ended. */
  time: number;
  /** Its command, quoted for a POSIX shell. */
  command: string;
  exitCode: number | null;
  signal: string | null;
  /** Killed (with its process group) at its timeout. */
  timedOut: boolean;
  /** Why it did not start (`spawn ENOENT`); null when it ran. */
  error: string | null;
  /** Its last lines of stderr. */
  stderrTail: string[];
}

export interface Intervention {
  time: number;
  /** Who asked: 'tui', 'ctl', 'headless', or a client's name. */
  by: string;
  command: string;
  trialId: number | null;
  detail?: string;
}

export interface EngineEvents {
  'sweep:started': { snapshot: SweepSnapshot };
  /** A trial was created (queued) or changed in any way other than a metric. */
  'trial:updated': { trial: TrialSnapshot; previousState: TrialState | null };
  'trial:metric': MetricEvent;
  'trial:output': OutputEvent;
  /**
   * A running trial (or run of one) was flagged silent: once per silence (SilenceWatch). Its
   * snapshot's silentSince says the same for a trial without runs.
   */
  'trial:silent': { trialId: number; run: number | null; silentSince: number; silentForMs: number };
  /** A trial reached a finished state. Also sent as 'trial:updated'. */
  'trial:ended': { trial: TrialSnapshot };
  'sweep:best': { trialId: number; objective: number };
  'sweep:settings': { parallel: number; trialsTarget: number };
  'sweep:intervention': Intervention;
  'sweep:message': { level: 'info' | 'warn' | 'error'; text: string };
  /** Launching stopped (phase stays 'running': running trials finish) or the sweep is being stopped ('stopping'). */
  'sweep:stopping': { reason: string; phase: SweepPhase };
  'sweep:finished': { snapshot: SweepSnapshot };
  /** The sweep directory's disk became full (launching paused) or has room again (null). */
  'sweep:disk': { diskFull: DiskFullStanding | null };
  /** A run completed and changed whether the best trial is distinguishable from the next ones. */
  'sweep:winner': { winner: WinnerDistinction | null };
  /** A hook failed (a listener runs the hooks and reports their failures back): the sweep's last hook failure. */
  'sweep:hook': { failure: HookFailure };
}

export type EngineEventName = keyof EngineEvents;

/** Every event name, for listeners that forward them all (the compiler checks it is complete). */
export const ENGINE_EVENT_NAMES = Object.keys({
  'sweep:started': true,
  'trial:updated': true,
  'trial:metric': true,
  'trial:output': true,
  'trial:silent': true,
  'trial:ended': true,
  'sweep:best': true,
  'sweep:settings': true,
  'sweep:intervention': true,
  'sweep:message': true,
  'sweep:stopping': true,
  'sweep:finished': true,
  'sweep:disk': true,
  'sweep:winner': true,
  'sweep:hook': true,
} satisfies Record<EngineEventName, true>) as EngineEventName[];
