/**
 * What the engine keeps in memory about one trial's metrics: the objective as objective.ts
 * defines it (per context, combined, or a summary standing in), and the last value of every
 * metric. Full curves stay on disk; only the objective's and its summaries' curves are reduced
 * here, to a few numbers per context.
 */
import { combineResults, isBetter, preferredStandIn, spreadOf, standInQualifier, type ObjectiveSpec } from './objective.js';

export { isBetter } from './objective.js';

/** One context's curve of one metric, reduced to what the objective needs. */
interface ContextCurve {
  last: number;
  best: number | null;
  lastStep: number;
  count: number;
  /** When it was last reported, in this trial's report order. */
  seq: number;
}

/** The unnamed context of a script that trains once. */
const PLAIN = '';

export class TrialMetrics {
  /** The objective: the contexts' results combined; may be NaN. */
  objective: number | null = null;
  /**
   * The best value reported of the metric the objective is taken from; over several contexts,
   * each one's best combined as the objective is (the objective `value: best` would give), so
   * that a fold's lucky value never reads as the trial's best.
   */
  best: number | null = null;
  /** Step of the last report of that metric. */
  step: number | null = null;
  /** Reports of that metric, over all contexts. */
  steps = 0;
  /** Standard deviation of the contexts' results, with two contexts or more. */
  spread: number | null = null;
  /** How many contexts the objective combines. */
  contexts = 0;
  /** Each context's result (`fold 1` → its last value, or its best), as the objective combines them. */
  results: ReadonlyMap<string, number> = new Map();
  /** The summary the objective is taken from when the script never printed its own name. */
  source: string | null = null;
  readonly last: Record<string, number> = {};
  /** By metric name (the objective's and its stand-ins'), then by context. */
  private readonly curves = new Map<string, Map<string, ContextCurve>>();
  private seq = 0;
  /** A budget sweep's: each context's level; the objective is then the highest level's result. */
  private levelOf: ((context: string) => number | undefined) | null = null;

  constructor(private readonly spec: ObjectiveSpec) {}

  /**
   * From now on the objective is the result of the context of the highest level (`levelOf`), not
   * the contexts combined, and its step is that level: a budget sweep's trial is judged by the
   * largest budget it ran at, never by a mean that its cheap levels would drag down.
   */
  rankContexts(levelOf: (context: string) => number | undefined): void {
    this.levelOf = levelOf;
    this.settle();
  }

  /**
   * Records one point. `objective`: a report of the objective under its own name (what pruners
   * judge); `stand-in`: of one of its summaries, which may change the objective; `other`: neither.
   */
  record(name: string, step: number, value: number, context?: string): 'objective' | 'stand-in' | 'other' {
    this.last[name] = value;
    const own = name === this.spec.name;
    if (!own && standInQualifier(name, this.spec.name) === undefined) return 'other';
    let byContext = this.curves.get(name);
    if (byContext === undefined) this.curves.set(name, (byContext = new Map()));
    const key = context ?? PLAIN;
    const curve = byContext.get(key);
    if (curve === undefined) {
      byContext.set(key, {
        last: value,
        best: isBetter(value, null, this.spec.goal) ? value : null,
        lastStep: step,
        count: 1,
        seq: ++this.seq,
      });
    } else {
      curve.last = value;
      if (isBetter(value, curve.best, this.spec.goal)) curve.best = value;
      curve.lastStep = step;
      curve.count++;
      curve.seq = ++this.seq;
    }
    this.settle();
    return own ? 'objective' : 'stand-in';
  }

  /** The result of one context (a run of the trial) as the objective counts it; null before it reported. */
  resultOf(context: string): number | null {
    const name = this.source ?? this.spec.name;
    const curve = this.curves.get(name)?.get(context);
    if (curve === undefined) return null;
    return this.spec.value === 'best' ? (curve.best ?? curve.last) : curve.last;
  }

  /** Drops the curves of `context` (and of the contexts a script printed inside it): a run that runs again. */
  forget(context: string): void {
    for (const byContext of this.curves.values())
      for (const key of [...byContext.keys()]) if (key === context || key.startsWith(`${context} `)) byContext.delete(key);
    for (const [name, byContext] of this.curves) if (byContext.size === 0) this.curves.delete(name);
    this.objective = this.best = this.step = this.spread = this.source = null;
    this.steps = this.contexts = 0;
    this.settle();
  }

  /** Recomputes the objective from the curves: a few contexts, so on every report. */
  private settle(): void {
    const { spec } = this;
    let name: string | undefined = spec.name;
    if (!this.curves.has(name)) name = preferredStandIn([...this.curves.keys()], spec.name);
    const byContext = name === undefined ? undefined : this.curves.get(name);
    if (name === undefined || byContext === undefined) return;
    const byResult = new Map<string, number>();
    const bests: number[] = [];
    let latest: ContextCurve | null = null;
    let steps = 0;
    for (const [context, curve] of byContext) {
      byResult.set(context, spec.value === 'best' ? (curve.best ?? curve.last) : curve.last);
      if (curve.best !== null) bests.push(curve.best);
      if (latest === null || curve.seq > latest.seq) latest = curve;
      steps += curve.count;
    }
    const results = [...byResult.values()];
    this.results = byResult;
    this.objective = combineResults(results, spec.combine);
    this.spread = spreadOf(results);
    this.contexts = results.length;
    this.best = bests.length === 0 ? null : combineResults(bests, spec.combine);
    this.step = latest?.lastStep ?? null;
    this.steps = steps;
    this.source = name === spec.name ? null : name;
    if (this.levelOf) this.settleOnTopLevel(byContext);
  }

  private settleOnTopLevel(byContext: Map<string, ContextCurve>): void {
    let top: { level: number; curve: ContextCurve; result: number } | null = null;
    for (const [context, curve] of byContext) {
      const level = this.levelOf!(context);
      if (level === undefined || (top !== null && level <= top.level)) continue;
      top = { level, curve, result: this.results.get(context)! };
    }
    if (top === null) return;
    this.objective = top.result;
    this.best = top.curve.best;
    this.step = top.level;
    this.spread = null;
  }
}
