/**
 * What `sweeptop metrics` prints: one point per (context, name, step) with the last value reported for
 * it, in the order the points first appeared in the file. A value still being redrawn counts as
 * an appearance (its place is where the bar first showed it) but not as a value.
 *
 * A per-step log holds millions of points, so they are kept by column, in typed arrays (names and
 * contexts as numbers), and no object is kept per point: an object per point and a map per step
 * took ~800 bytes a point (738 MB for a 300,000-line log of three metrics a line).
 */
import type { ExtractedPoint } from './extractor.js';
import { StepIndex } from './step-index.js';

const HAS_VALUE = 1;
const BEFORE_FIRST_STEP = 2;
const NO_STEP = 4;

export class PointCollector {
  private readonly names: string[] = [];
  private readonly nameIds = new Map<string, number>();
  /** Contexts as printed; 0 is none. A context of '' and no context are one series, as they are in the output. */
  private readonly contexts: Array<string | undefined> = [undefined];
  private readonly contextIds = new Map<string, number>();
  /** By context ('' for none), by name id: where each of its steps is. */
  private readonly series = new Map<string, StepIndex[]>();
  /** The series of the context the last point was in: a context spans many lines. */
  private seriesContext: string | undefined = undefined;
  private contextSeries: StepIndex[] | undefined = undefined;
  /** The name id stepsOf() found, for insert(). */
  private lastNameId = 0;

  /** The columns: entry i is (nameOf[i], contextOf[i], stepOf[i], valueOf[i], flags[i]). */
  private size = 0;
  private nameOf = new Int32Array(1024);
  private contextOf = new Int32Array(1024);
  private stepOf = new Float64Array(1024);
  private valueOf = new Float64Array(1024);
  private flags = new Uint8Array(1024);

  /** How many (context, name, step) were seen, with a value or not. */
  get entries(): number {
    return this.size;
  }

  /** A point shown but not final yet: fixes its place only. */
  see(point: ExtractedPoint): void {
    const index = this.stepsOf(point);
    if (index.find(point.step, this.stepOf) === -1) this.insert(index, point, 0);
  }

  /** A final point: its value replaces any earlier one for the same name and step. */
  add(point: ExtractedPoint): void {
    const index = this.stepsOf(point);
    const entry = index.find(point.step, this.stepOf);
    if (entry === -1) {
      this.insert(index, point, HAS_VALUE);
    } else {
      this.valueOf[entry] = point.value;
      this.flags[entry] |= HAS_VALUE;
    }
  }

  addAll(points: readonly ExtractedPoint[]): void {
    for (const point of points) this.add(point);
  }

  /**
   * Entry `i` (0 ≤ i < entries, in order of first appearance) as a new point, for the caller to
   * keep or drop; null when it was only seen, never given a value.
   */
  point(i: number): ExtractedPoint | null {
    const flags = this.flags[i];
    if ((flags & HAS_VALUE) === 0) return null;
    return {
      name: this.names[this.nameOf[i]],
      step: flags & NO_STEP ? null : this.stepOf[i],
      value: this.valueOf[i],
      context: this.contexts[this.contextOf[i]],
      beforeFirstStep: flags & BEFORE_FIRST_STEP ? true : undefined,
    };
  }

  /** Whether entry `i` was given a value (an entry only seen is not a point). */
  hasValue(i: number): boolean {
    return (this.flags[i] & HAS_VALUE) !== 0;
  }

  /** Entry `i`'s metric, as a number: the same for every entry of the metric, counted from 0. */
  nameId(i: number): number {
    return this.nameOf[i];
  }

  name(i: number): string {
    return this.names[this.nameOf[i]];
  }

  /** Entry `i`'s context as a number: 0 for none, the same for every entry of a context. */
  contextId(i: number): number {
    return this.contextOf[i];
  }

  context(i: number): string | undefined {
    return this.contexts[this.contextOf[i]];
  }

  step(i: number): number | null {
    return this.flags[i] & NO_STEP ? null : this.stepOf[i];
  }

  value(i: number): number {
    return this.valueOf[i];
  }

  /** Every point with a value, in order, in one list: for a few points (a long log's go through point()). */
  get points(): ExtractedPoint[] {
    const out: ExtractedPoint[] = [];
    for (let i = 0; i < this.size; i++) {
      const point = this.point(i);
      if (point !== null) out.push(point);
    }
    return out;
  }

  private stepsOf(point: ExtractedPoint): StepIndex {
    const context = point.context ?? '';
    if (this.contextSeries === undefined || context !== this.seriesContext) {
      this.seriesContext = context;
      this.contextSeries = this.series.get(context);
      if (this.contextSeries === undefined) this.series.set(context, (this.contextSeries = []));
    }
    this.lastNameId = this.idOfName(point.name);
    return (this.contextSeries[this.lastNameId] ??= new StepIndex());
  }

  private idOfName(name: string): number {
    let id = this.nameIds.get(name);
    if (id === undefined) {
      id = this.names.push(name) - 1;
      this.nameIds.set(name, id);
    }
    return id;
  }

  private idOfContext(context: string | undefined): number {
    if (context === undefined) return 0;
    let id = this.contextIds.get(context);
    if (id === undefined) {
      id = this.contexts.push(context) - 1;
      this.contextIds.set(context, id);
    }
    return id;
  }

  private insert(index: StepIndex, point: ExtractedPoint, flags: number): void {
    if (this.size === this.flags.length) this.grow();
    const entry = this.size++;
    this.nameOf[entry] = this.lastNameId;
    this.contextOf[entry] = this.idOfContext(point.context);
    this.stepOf[entry] = point.step ?? 0;
    this.valueOf[entry] = point.value;
    this.flags[entry] = flags | (point.step === null ? NO_STEP : 0) | (point.beforeFirstStep ? BEFORE_FIRST_STEP : 0);
    index.add(point.step, entry, this.stepOf);
  }

  private grow(): void {
    const capacity = this.flags.length * 2;
    const grown = <T extends Int32Array | Float64Array | Uint8Array>(old: T): T => {
      const array = new (old.constructor as new (n: number) => T)(capacity);
      array.set(old);
      return array;
    };
    this.nameOf = grown(this.nameOf);
    this.contextOf = grown(this.contextOf);
    this.stepOf = grown(this.stepOf);
    this.valueOf = grown(this.valueOf);
    this.flags = grown(this.flags);
  }
}
