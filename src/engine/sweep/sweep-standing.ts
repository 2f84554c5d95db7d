/**
 * Where a sweep stands, apart from its trials: its limits, its phase and why it stops, its clock,
 * its best trial and the commands people gave it. The snapshot every client starts from and the
 * sweep.json document are both built from it and the trials, here, so the two never drift apart.
 */
import type { HookFailure, Intervention, SweepPhase, SweepSnapshot } from '../events.js';
import type { WinnerDistinction } from '../analysis/winner-distinction.js';
import type { DiskFullStanding } from '../state/disk-pressure.js';
import type { ReproducibilityRecord, SweepDocument } from '../state/records.js';
import type { ResolvedSweep } from './resolved.js';
import type { TrialEntry } from './trial-entry.js';
import { summarizeWarmStart } from './warm-start.js';

export interface SweepStanding {
  parallel: number;
  trialsTarget: number;
  phase: SweepPhase;
  stopReason: string | null;
  /** The sweep's first start, kept across resumes: its clock does not restart with a new controller. */
  createdAt: number;
  finishedAt: number | null;
  bestId: number | null;
  interventions: Intervention[];
  /** Set while the disk is full; never written to sweep.json (it could not be). */
  diskFull: DiskFullStanding | null;
  /** With folds or repeats, whether the best is distinguishable (live-winner.ts); judged when a run completes. */
  winner: WinnerDistinction | null;
  /** The last hook that failed, kept across resumes (sweep.json). */
  hookFailure: HookFailure | null;
}

/** A new sweep's standing: running, nothing decided yet; `createdAt` kept from an earlier start. */
export function initialStanding(parallel: number, trialsTarget: number, createdAt = Date.now()): SweepStanding {
  return {
    parallel,
    trialsTarget,
    phase: 'running',
    stopReason: null,
    createdAt,
    finishedAt: null,
    bestId: null,
    interventions: [],
    diskFull: null,
    winner: null,
    hookFailure: null,
  };
}

export function sweepSnapshot(resolved: ResolvedSweep, dir: string, standing: SweepStanding, trials: Iterable<TrialEntry>): SweepSnapshot {
  const { config } = resolved;
  return {
    name: config.name,
    dir,
    metric: config.metric,
    objectives: config.objectives,
    parameters: config.parameters,
    sampler: config.sampler.type,
    pruner: config.pruner.type,
    executor: config.executor.type,
    parallel: standing.parallel,
    trialsTarget: standing.trialsTarget,
    gpus: config.gpus,
    gpusPerTrial: config.gpusPerTrial,
    startedAt: standing.createdAt,
    finishedAt: standing.finishedAt,
    phase: standing.phase,
    stopReason: standing.stopReason,
    bestTrialId: standing.bestId,
    diskFull: standing.diskFull,
    ...(standing.winner !== null && { winner: standing.winner }),
    ...(standing.hookFailure !== null && { hookFailure: standing.hookFailure }),
    ...(config.budget && { budgetLevels: config.budget.levels }),
    ...(resolved.warmStart && { warmStart: summarizeWarmStart(resolved.warmStart) }),
    trials: [...trials].map((e) => e.snapshot()),
  };
}

/** sweep.json's content (its format version is the store's to add). */
export function sweepDocument(
  resolved: ResolvedSweep,
  reproducibility: ReproducibilityRecord,
  standing: SweepStanding,
  trials: Iterable<TrialEntry>,
): Omit<SweepDocument, 'schema'> {
  const { config, configText } = resolved;
  return {
    name: config.name,
    config: config as unknown as Record<string, unknown>,
    configText,
    seed: config.seed,
    createdAt: standing.createdAt,
    updatedAt: Date.now(),
    phase: standing.phase,
    stopReason: standing.stopReason,
    parallel: standing.parallel,
    trialsTarget: standing.trialsTarget,
    reproducibility,
    interventions: standing.interventions,
    ...(standing.hookFailure !== null && { hookFailure: standing.hookFailure }),
    ...(resolved.warmStart && { warmStart: resolved.warmStart }),
    trials: [...trials].map((e) => e.record()),
  };
}
