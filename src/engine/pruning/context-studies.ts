/**
 * Pruning when a trial trains several times in one process (folds, splits, seeds): each context
 * is a study of its own, so fold 3's curve is judged against the other trials' fold 3 — a
 * curve restarting at epoch 1 for every fold would look like a trial getting worse. A plain
 * script has one context (''), and this is then exactly one study.
 */
import type { PruneDecision } from '../../plugin-api/pruner.js';
import type { TrialState } from '../../plugin-api/trial-state.js';
import type { PruningStudy, RestoredTrial } from './study.js';

interface Membership {
  state: TrialState;
  promoted: boolean;
}

/** The unnamed context. */
const PLAIN = '';

export class ContextStudies implements PruningStudy {
  private readonly trials = new Map<number, Membership>();
  private readonly studies = new Map<string, PruningStudy>();

  constructor(private readonly createStudy: () => PruningStudy) {}

  addTrial(trialId: number): void {
    const known = this.trials.get(trialId);
    this.trials.set(trialId, { state: 'running', promoted: known?.promoted ?? false });
    for (const study of this.studies.values()) study.addTrial(trialId);
  }

  report(trialId: number, step: number, value: number, context?: string): PruneDecision {
    if (!this.trials.has(trialId)) this.addTrial(trialId);
    return this.studyOf(context ?? PLAIN).report(trialId, step, value);
  }

  record(trialId: number, step: number, value: number, context?: string): void {
    if (!this.trials.has(trialId)) this.addTrial(trialId);
    this.studyOf(context ?? PLAIN).record(trialId, step, value);
  }

  setState(trialId: number, state: TrialState): void {
    this.membership(trialId).state = state;
    for (const study of this.studies.values()) study.setState(trialId, state);
  }

  setPromoted(trialId: number, promoted: boolean): void {
    this.membership(trialId).promoted = promoted;
    for (const study of this.studies.values()) study.setPromoted(trialId, promoted);
  }

  restore(trials: RestoredTrial[]): void {
    this.trials.clear();
    this.studies.clear();
    const contexts = new Set<string>([PLAIN]);
    for (const trial of trials) {
      this.trials.set(trial.id, { state: trial.state, promoted: trial.promoted });
      for (const report of trial.reports) contexts.add(report.context ?? PLAIN);
    }
    for (const context of contexts) {
      const study = this.createStudy();
      study.restore(trials.map((t) => ({ ...t, reports: t.reports.filter((r) => (r.context ?? PLAIN) === context) })));
      this.studies.set(context, study);
    }
  }

  /** A context seen for the first time starts with every known trial in it, none with a report. */
  private studyOf(context: string): PruningStudy {
    let study = this.studies.get(context);
    if (study === undefined) {
      study = this.createStudy();
      study.restore([...this.trials].map(([id, { state, promoted }]) => ({ id, state, promoted, reports: [] })));
      this.studies.set(context, study);
    }
    return study;
  }

  private membership(trialId: number): Membership {
    if (!this.trials.has(trialId)) this.addTrial(trialId);
    return this.trials.get(trialId)!;
  }
}
