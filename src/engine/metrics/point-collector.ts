/**
 * What `sweeptop metrics` prints: one point per (context, name, step) with the last value reported for
 * it, in the order the points first appeared in the file. A value still being redrawn counts as
 * an appearance (its place is where the bar first showed it) but not as a value.
 */
import type { ExtractedPoint } from './extractor.js';

interface Entry extends ExtractedPoint {
  hasValue: boolean;
}

export class PointCollector {
  private readonly entries = new Map<string, Entry>();

  /** A point shown but not final yet: fixes its place only. */
  see(point: ExtractedPoint): void {
    const key = keyOf(point);
    if (!this.entries.has(key)) this.entries.set(key, { ...point, hasValue: false });
  }

  /** A final point: its value replaces any earlier one for the same name and step. */
  add(point: ExtractedPoint): void {
    const key = keyOf(point);
    const entry = this.entries.get(key);
    if (entry) {
      entry.value = point.value;
      entry.hasValue = true;
    } else {
      this.entries.set(key, { ...point, hasValue: true });
    }
  }

  addAll(points: readonly ExtractedPoint[]): void {
    for (const point of points) this.add(point);
  }

  get points(): ExtractedPoint[] {
    const out: ExtractedPoint[] = [];
    for (const { hasValue, ...point } of this.entries.values()) if (hasValue) out.push(point);
    return out;
  }
}

function keyOf(point: ExtractedPoint): string {
  return `${point.context ?? ''}\u0000${point.step}\u0000${point.name}`;
}
