/**
 * A set of trials — the whole study, or a subset such as a hyperband bracket — with the indices
 * pruners read through StudyView. Indices are built on first use and then maintained as reports
 * and state changes arrive, so a decision costs a lookup, not a scan of all trials:
 *   - per step, the sorted values of completed trials (percentile, median);
 *   - per rung step, the sorted values of trials on reaching it (asha, hyperband).
 */
import type { CurveView, SortedValuesView, StudyView } from '../../plugin-api/pruner.js';
import type { TrialCurve } from './curve.js';
import { ReachIndex } from './reach-index.js';
import { EMPTY_VALUES, SortedValues } from './sorted-values.js';

/** Creates (or returns) the subset with this key; the study owns every set. */
export type SubsetFactory = (key: string, includes: (trialId: number) => boolean) => TrialSet;

export class TrialSet implements StudyView {
  private readonly members: TrialCurve[] = [];
  private readonly memberIds = new Set<number>();
  /** Completed members in the order they completed. */
  private readonly completed: TrialCurve[] = [];
  private readonly completedIds = new Set<number>();
  private completedByStep: Map<number, SortedValues> | null = null;
  private readonly reaching = new Map<number, ReachIndex>();

  constructor(
    readonly key: string,
    readonly includes: (trialId: number) => boolean,
    private readonly createSubset: SubsetFactory,
  ) {}

  has(trialId: number): boolean {
    return this.memberIds.has(trialId);
  }

  /** Adds a trial with whatever reports it has; its completion is told apart (onCompleted). */
  addMember(curve: TrialCurve): void {
    if (this.memberIds.has(curve.trialId)) return;
    this.memberIds.add(curve.trialId);
    this.members.push(curve);
    for (const index of this.reaching.values()) {
      for (let i = 0; i < curve.length; i++) index.onValue(curve.trialId, curve.stepAt(i), curve.valueAt(i));
    }
  }

  /** Completed members in completion order. */
  get completedTrials(): readonly TrialCurve[] {
    return this.completed;
  }

  /** A member reported `value` at `step`, replacing `previous` if it had reported there. */
  onValue(curve: TrialCurve, step: number, previous: number | undefined, value: number): void {
    if (this.completedByStep && this.completedIds.has(curve.trialId)) {
      const atStep = this.valuesAt(this.completedByStep, step);
      if (previous !== undefined) atStep.remove(previous);
      atStep.insert(value);
    }
    for (const index of this.reaching.values()) index.onValue(curve.trialId, step, value);
  }

  onCompleted(curve: TrialCurve): void {
    if (this.completedIds.has(curve.trialId)) return;
    this.completedIds.add(curve.trialId);
    this.completed.push(curve);
    if (!this.completedByStep) return;
    for (let i = 0; i < curve.length; i++) {
      this.valuesAt(this.completedByStep, curve.stepAt(i)).insert(curve.valueAt(i));
    }
  }

  onLeftCompleted(curve: TrialCurve): void {
    if (!this.completedIds.delete(curve.trialId)) return;
    this.completed.splice(this.completed.indexOf(curve), 1);
    if (!this.completedByStep) return;
    for (let i = 0; i < curve.length; i++) {
      this.completedByStep.get(curve.stepAt(i))?.remove(curve.valueAt(i));
    }
  }

  /** The member is about to lose its reports (a re-run): take them out of every index. */
  onCleared(curve: TrialCurve): void {
    this.onLeftCompleted(curve);
    for (const index of this.reaching.values()) index.forget(curve.trialId);
  }

  // --- StudyView ---

  get completedCount(): number {
    return this.completed.length;
  }

  firstCompleted(): CurveView | undefined {
    return this.completed.find((curve) => curve.length > 0);
  }

  completedValuesAt(step: number): SortedValuesView {
    if (!this.completedByStep) this.completedByStep = this.buildCompletedByStep();
    return this.completedByStep.get(step) ?? EMPTY_VALUES;
  }

  valuesOnReaching(step: number): SortedValuesView {
    let index = this.reaching.get(step);
    if (!index) {
      index = new ReachIndex(step, this.members);
      this.reaching.set(step, index);
    }
    return index.values;
  }

  trials(): Iterable<CurveView> {
    return this.members;
  }

  subset(key: string, includes: (trialId: number) => boolean): StudyView {
    return this.createSubset(`${this.key}/${key}`, (id) => this.includes(id) && includes(id));
  }

  private buildCompletedByStep(): Map<number, SortedValues> {
    const byStep = new Map<number, number[]>();
    for (const curve of this.completed) {
      for (let i = 0; i < curve.length; i++) {
        const step = curve.stepAt(i);
        let list = byStep.get(step);
        if (!list) byStep.set(step, (list = []));
        list.push(curve.valueAt(i));
      }
    }
    return new Map([...byStep].map(([step, values]) => [step, new SortedValues(values)]));
  }

  private valuesAt(byStep: Map<number, SortedValues>, step: number): SortedValues {
    let values = byStep.get(step);
    if (!values) byStep.set(step, (values = new SortedValues()));
    return values;
  }
}
