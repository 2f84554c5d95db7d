/**
 * What `sweeptop metrics` prints: one point per (context, name, step) with the last value reported for
 * it, in the order the points first appeared in the file. A value still being redrawn counts as
 * an appearance (its place is where the bar first showed it) but not as a value.
 */
import type { ExtractedPoint } from './extractor.js';

interface Entry extends ExtractedPoint {
  hasValue: boolean;
}

/** By name, the entry of each metric at one step. */
type ByName = Map<string, Entry>;

export class PointCollector {
  /** Every entry, in order of first appearance. */
  private readonly entries: Entry[] = [];
  /**
   * The same entries by context, step and name: nested maps, as a key string built for each of
   * millions of points (a long log's every redraw) cost more than the rest of the collecting.
   * A context of '' and no context are one, as they are in the output.
   */
  private readonly index = new Map<string, Map<number | null, ByName>>();

  /** A point shown but not final yet: fixes its place only. */
  see(point: ExtractedPoint): void {
    const byName = this.byName(point);
    if (!byName.has(point.name)) this.insert(byName, point, false);
  }

  /** A final point: its value replaces any earlier one for the same name and step. */
  add(point: ExtractedPoint): void {
    const byName = this.byName(point);
    const entry = byName.get(point.name);
    if (entry) {
      entry.value = point.value;
      entry.hasValue = true;
    } else {
      this.insert(byName, point, true);
    }
  }

  addAll(points: readonly ExtractedPoint[]): void {
    for (const point of points) this.add(point);
  }

  get points(): ExtractedPoint[] {
    const out: ExtractedPoint[] = [];
    for (const { hasValue, ...point } of this.entries) if (hasValue) out.push(point);
    return out;
  }

  private byName(point: ExtractedPoint): ByName {
    const context = point.context ?? '';
    let bySteps = this.index.get(context);
    if (bySteps === undefined) this.index.set(context, (bySteps = new Map()));
    let byName = bySteps.get(point.step);
    if (byName === undefined) bySteps.set(point.step, (byName = new Map()));
    return byName;
  }

  private insert(byName: ByName, point: ExtractedPoint, hasValue: boolean): void {
    const entry = { ...point, hasValue };
    byName.set(point.name, entry);
    this.entries.push(entry);
  }
}
