/**
 * A warm start: earlier sweeps' completed and pruned trials, read once when a sweep is created and
 * kept in its sweep.json, that the sampler sees ahead of the sweep's own trials — as Optuna's
 * `study.add_trials` does: they count toward n_startup_trials and TPE's good and bad groups. They
 * are not trials of this sweep. A search space or objective that differs is refused (a model fitted
 * on another question answers it wrongly); a range that differs but overlaps keeps the trials that
 * fall inside this sweep's space and drops the others, counted.
 */
import { existsSync } from 'node:fs';
import type { WarmStartSummary } from '../events.js';
import { decodeNumber } from '../../plugin-api/json-number.js';
import type { SamplerTrial } from '../../plugin-api/sampler.js';
import type { Parameter, SearchSpace } from '../../plugin-api/space.js';
import { checkGivenParams } from '../config/given-params.js';
import { sweepPaths } from '../state/layout.js';
import { loadSweep } from '../state/load-sweep.js';
import type { TrialRecord } from '../state/records.js';
import { recordedObjectives } from '../objectives/recorded.js';

/** One earlier sweep a warm start reads, and how many of its trials it took. */
export interface WarmStartSource {
  dir: string;
  trials: number;
}

/** What sweep.json keeps, so that a resumed sweep's sampler sees the same history. */
export interface WarmStart {
  sources: WarmStartSource[];
  /** Ids below 0, in the order read: they come before every trial of this sweep. */
  trials: SamplerTrial[];
}

export interface WarmStartReading {
  warmStart: WarmStart;
  /** One line per source that had trials outside this sweep's space. */
  notices: string[];
}

/** Why one source cannot warm-start this sweep; `index` is its place in the list of directories. */
export class WarmStartError extends Error {
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(message);
  }
}

export interface WarmStartTarget {
  parameters: SearchSpace;
  metric: { name: string; goal: string };
}

export async function readWarmStart(dirs: readonly string[], target: WarmStartTarget): Promise<WarmStartReading> {
  const sources: WarmStartSource[] = [];
  const kept: Array<{ params: SamplerTrial['params']; record: TrialRecord }> = [];
  const notices: string[] = [];
  for (const [index, dir] of dirs.entries()) {
    const fail = (why: string) => new WarmStartError(index, `${dir}: ${why}`);
    if (!existsSync(sweepPaths(dir).document) && !existsSync(sweepPaths(dir).identity)) throw fail('not a sweep directory');
    const stored = await loadSweep(dir);
    if (!stored.config?.parameters || !stored.metric) throw fail('its sweep file is lost, so its search space is unknown');
    const { name, goal } = stored.metric;
    if (name !== target.metric.name || goal !== target.metric.goal) {
      throw fail(`metric ${name} (${goal}) there, ${target.metric.name} (${target.metric.goal}) here`);
    }
    const difference = spaceDifference(stored.config.parameters, target.parameters);
    if (difference) throw fail(difference);
    const finished = stored.trials.filter((t) => t.state === 'completed' || t.state === 'pruned');
    const conditional = target.parameters.some((p) => p.when !== undefined);
    // present exactly where this sweep's conditions say: a trial of another branch structure is not one of this space's
    const inside = finished.filter((t) => 'params' in checkGivenParams(target.parameters, t.params ?? {}));
    if (inside.length < finished.length) {
      notices.push(
        `warm start: ${finished.length - inside.length} of ${finished.length} trials from ${dir} dropped: values outside this sweep's space${conditional ? ' (or present where its when: conditions leave them out)' : ''}`,
      );
    }
    for (const record of inside) kept.push({ params: record.params, record });
    sources.push({ dir, trials: inside.length });
  }
  const trials = kept.map(({ params, record }, i) => samplerTrial(i - kept.length, params, record));
  return { warmStart: { sources, trials }, notices };
}

function samplerTrial(id: number, params: SamplerTrial['params'], record: TrialRecord): SamplerTrial {
  const objective = decodeNumber(record.objective) ?? null;
  const lastStep = record.state === 'pruned' ? (record.prunedAtStep ?? record.step) : record.step;
  return { id, params, state: record.state, objective, lastStep, objectives: recordedObjectives(record) };
}

/** The first way the earlier space differs from this one beyond a narrower or wider range; null when none. */
export function spaceDifference(earlier: readonly Parameter[], now: SearchSpace): string | null {
  for (const parameter of now) {
    const before = earlier.find((p) => p.name === parameter.name);
    if (!before) return `parameter ${parameter.name} is not in that sweep`;
    const differs = parameterDifference(before, parameter);
    if (differs) return `parameter ${parameter.name}: ${differs}`;
  }
  const extra = earlier.find((p) => !now.some((q) => q.name === p.name));
  return extra ? `parameter ${extra.name} is not in this sweep` : null;
}

function parameterDifference(before: Parameter, now: Parameter): string | null {
  if (before.kind !== now.kind) return `${before.kind} there, ${now.kind} here`;
  if (now.kind === 'float' || now.kind === 'int') {
    const b = before as typeof now;
    if (b.log !== now.log) return `${b.log ? 'log' : 'linear'} scale there, ${now.log ? 'log' : 'linear'} here`;
    if (b.high < now.low || b.low > now.high) return `range [${b.low}, ${b.high}] there does not overlap [${now.low}, ${now.high}] here`;
  }
  if (now.kind === 'choice') {
    const b = before as typeof now;
    if (!b.values.some((value) => now.values.includes(value))) {
      return `choices ${JSON.stringify(b.values)} there share none with ${JSON.stringify(now.values)} here`;
    }
  }
  return null;
}

/** What the snapshot and `status --json` carry of a warm start. */
export function summarizeWarmStart(warmStart: WarmStart): WarmStartSummary {
  return { trials: warmStart.trials.length, dirs: warmStart.sources.map((s) => s.dir) };
}

/** The line `status` and the TUI header show: `warm start: 40 trials from DIR`. */
export function describeWarmStart(warmStart: WarmStart): string {
  return `warm start: ${warmStart.sources.map((s) => `${s.trials} trials from ${s.dir}`).join(', ')}`;
}
