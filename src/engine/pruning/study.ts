/**
 * The object the engine calls on every objective report. It keeps each trial's curve
 * (normalised once: lower is better), the indices pruners read (trial-set.ts), and the prune
 * decisions already taken; it asks the pruner and hands its decision back, reason prefixed with
 * the step. It never kills anything: the engine carries decisions out.
 */
import { formatStep, goalSign } from '../../plugin-api/explain.js';
import type { PruneDecision, Pruner } from '../../plugin-api/pruner.js';
import type { Goal } from '../../plugin-api/plugin.js';
import type { TrialState } from '../../plugin-api/trial-state.js';
import { TrialCurve, normaliseStep } from './curve.js';
import { TrialSet } from './trial-set.js';
import { ContextStudies } from './context-studies.js';

export interface PruningStudy {
  /** A trial started; for an id seen before (a re-run after resume or promote) its curve restarts. */
  addTrial(trialId: number): void;
  /**
   * One objective point, of the trial's `context` (a fold: see context-studies.ts). `value` may
   * be NaN or ±Infinity; a non-finite step is ignored.
   */
  report(trialId: number, step: number, value: number, context?: string): PruneDecision;
  /**
   * One objective point of a trial no decision can stop any more (being stopped, or exited on
   * its own): it joins the curve, as a restart would read it back, and no pruner is asked.
   */
  record(trialId: number, step: number, value: number, context?: string): void;
  /** `completed` makes the trial's curve part of the reference set of percentile pruners. */
  setState(trialId: number, state: TrialState): void;
  /** A promoted trial is never pruned: report() answers continue, reason 'promoted'. */
  setPromoted(trialId: number, promoted: boolean): void;
  /** Rebuilds everything after a controller restart, without deciding anything. */
  restore(trials: RestoredTrial[]): void;
}

export interface RestoredTrial {
  id: number;
  state: TrialState;
  promoted: boolean;
  reports: Array<{ step: number; value: number; context?: string }>;
}

export interface StudyOptions {
  metricName: string;
  goal: Goal;
}

const CONTINUE: PruneDecision = Object.freeze({ action: 'continue', reason: null });
const PROMOTED: PruneDecision = Object.freeze({ action: 'continue', reason: 'promoted' });

export function createPruningStudy(pruner: Pruner, options: StudyOptions): PruningStudy {
  const sign = goalSign(options.goal);
  return new ContextStudies(() => new Study(pruner, sign));
}

class Study implements PruningStudy {
  private readonly curves = new Map<number, TrialCurve>();
  private readonly subsets = new Map<string, TrialSet>();
  private root = this.newRoot();
  private rootOnly = [this.root];
  /** Prune decisions taken and not yet superseded by a re-run; late reports get them again. */
  private readonly pruned = new Map<number, PruneDecision>();

  constructor(
    private readonly pruner: Pruner,
    private readonly sign: 1 | -1,
  ) {}

  addTrial(trialId: number): void {
    const existing = this.curves.get(trialId);
    if (existing) {
      for (const set of this.setsOf(trialId)) set.onCleared(existing);
      existing.clear();
      existing.state = 'running';
      this.pruned.delete(trialId);
      return;
    }
    const curve = new TrialCurve(trialId);
    this.curves.set(trialId, curve);
    this.root.addMember(curve);
    for (const set of this.subsets.values()) if (set.includes(trialId)) set.addMember(curve);
  }

  report(trialId: number, rawStep: number, rawValue: number): PruneDecision {
    if (!Number.isFinite(rawStep)) return CONTINUE;
    if (!this.curves.has(trialId)) this.addTrial(trialId);
    const curve = this.curves.get(trialId) as TrialCurve;
    if (curve.promoted) {
      this.addToCurve(curve, rawStep, rawValue);
      return PROMOTED;
    }
    const earlier = this.pruned.get(trialId);
    if (earlier) return earlier;

    const { step, value, previousStep } = this.addToCurve(curve, rawStep, rawValue);
    const decision = this.pruner.decide({ study: this.root, trial: curve, step, value, previousStep });
    if (decision.action !== 'prune') return decision;
    const reason = `pruned at step ${formatStep(step)}: ${decision.reason ?? 'the pruner gave no reason'}`;
    const final = { ...decision, reason };
    this.pruned.set(trialId, final);
    return final;
  }

  record(trialId: number, rawStep: number, rawValue: number): void {
    if (!Number.isFinite(rawStep)) return;
    if (!this.curves.has(trialId)) this.addTrial(trialId);
    this.addToCurve(this.curves.get(trialId) as TrialCurve, rawStep, rawValue);
  }

  setState(trialId: number, state: TrialState): void {
    if (!this.curves.has(trialId)) this.addTrial(trialId);
    const curve = this.curves.get(trialId) as TrialCurve;
    const wasCompleted = curve.state === 'completed';
    curve.state = state;
    if (state === 'completed' && !wasCompleted) {
      for (const set of this.setsOf(trialId)) set.onCompleted(curve);
    } else if (state !== 'completed' && wasCompleted) {
      for (const set of this.setsOf(trialId)) set.onLeftCompleted(curve);
    }
  }

  setPromoted(trialId: number, promoted: boolean): void {
    if (!this.curves.has(trialId)) this.addTrial(trialId);
    (this.curves.get(trialId) as TrialCurve).promoted = promoted;
    if (promoted) this.pruned.delete(trialId);
  }

  restore(trials: RestoredTrial[]): void {
    this.curves.clear();
    this.subsets.clear();
    this.pruned.clear();
    this.root = this.newRoot();
    this.rootOnly = [this.root];
    for (const trial of trials) {
      const curve = new TrialCurve(trial.id);
      for (const point of trial.reports) {
        if (Number.isFinite(point.step)) curve.set(normaliseStep(point.step), this.sign * point.value);
      }
      curve.state = trial.state;
      curve.promoted = trial.promoted;
      this.curves.set(trial.id, curve);
      this.root.addMember(curve);
      if (trial.state === 'completed') this.root.onCompleted(curve);
    }
  }

  /** Adds the report to the curve and to every index of every set holding the trial. */
  private addToCurve(curve: TrialCurve, rawStep: number, rawValue: number) {
    const step = normaliseStep(rawStep);
    const value = this.sign * rawValue;
    const previousStep = curve.largestStepOtherThan(step);
    const replaced = curve.set(step, value);
    for (const set of this.setsOf(curve.trialId)) set.onValue(curve, step, replaced, value);
    return { step, value, previousStep };
  }

  /** The root and the subsets holding the trial (a plain array: this runs on every report). */
  private setsOf(trialId: number): TrialSet[] {
    if (this.subsets.size === 0) return this.rootOnly;
    const sets = [this.root];
    for (const set of this.subsets.values()) if (set.has(trialId)) sets.push(set);
    return sets;
  }

  private newRoot(): TrialSet {
    return new TrialSet(
      'study',
      () => true,
      (key, includes) => this.subset(key, includes),
    );
  }

  /** Subsets are built from the whole study on first request, then kept like the root. */
  private subset(key: string, includes: (trialId: number) => boolean): TrialSet {
    let set = this.subsets.get(key);
    if (set) return set;
    set = new TrialSet(key, includes, (inner, innerIncludes) => this.subset(inner, innerIncludes));
    for (const curve of this.root.trials() as Iterable<TrialCurve>) {
      if (includes(curve.trialId)) set.addMember(curve);
    }
    for (const curve of this.root.completedTrials) if (set.has(curve.trialId)) set.onCompleted(curve);
    this.subsets.set(key, set);
    return set;
  }
}
