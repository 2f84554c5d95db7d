/**
 * Hypervolume of a set of loss vectors (smaller is better in every coordinate): the volume they
 * dominate below a reference point. Computed as Optuna 3.1 computes it (optuna/_hypervolume): an
 * exact sweep in two dimensions, the WFG algorithm (While, Bradstreet & Barone, 2012) above. The
 * multi-objective TPE's split and weights depend on it, and following 3.1 step for step keeps our
 * choices equal to Optuna's, ties included.
 *
 * Every point is expected to be no worse than the reference point in any coordinate.
 */

/** The dominated volume of `points` below `reference`. */
export function hypervolume(points: readonly (readonly number[])[], reference: readonly number[]): number {
  if (points.length === 0) return 0;
  return reference.length === 2 ? hypervolume2d(points, reference) : wfg(points, reference);
}

/** The volume of the box whose opposite corners are `a` and `b`. */
function boxVolume(a: readonly number[], b: readonly number[]): number {
  let volume = 1;
  for (let d = 0; d < a.length; d++) volume *= a[d] - b[d];
  return Math.abs(volume);
}

/** Sorted by the first coordinate (ties: larger second first), each point adds the strip below the last. */
function hypervolume2d(points: readonly (readonly number[])[], reference: readonly number[]): number {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let ceiling = reference[1];
  let volume = 0;
  for (const [x, y] of sorted) {
    if (ceiling < y) continue;
    volume += Math.abs((reference[0] - x) * (ceiling - y));
    ceiling = y;
  }
  return volume;
}

function wfg(points: readonly (readonly number[])[], reference: readonly number[]): number {
  if (points.length === 1) return boxVolume(points[0], reference);
  if (points.length === 2) {
    const overlap = points[0].map((v, d) => reference[d] - Math.max(v, points[1][d]));
    return boxVolume(points[0], reference) + boxVolume(points[1], reference) - overlap.reduce((p, v) => p * v, 1);
  }
  // Sorted by the first coordinate, as 3.1 sorts; the order of ties changes no volume.
  const sorted = [...points].sort((a, b) => a[0] - b[0]);
  let volume = 0;
  for (let i = 0; i < sorted.length; i++) volume += exclusive(sorted[i], sorted.slice(i + 1), reference);
  return volume;
}

/** The volume `point` dominates that none of `later` does. */
function exclusive(point: readonly number[], later: readonly (readonly number[])[], reference: readonly number[]): number {
  const limited = limit(point, later);
  let volume = boxVolume(point, reference);
  if (limited.length === 1) volume -= boxVolume(limited[0], reference);
  else if (limited.length > 1) volume -= hypervolume(limited, reference);
  return volume;
}

/**
 * The later points pushed up to `point`, keeping (as 3.1 does, for speed) only those not beaten
 * by their left neighbour in the scan: almost the Pareto set, exactly it when fully sorted.
 */
function limit(point: readonly number[], later: readonly (readonly number[])[]): number[][] {
  const pushed = later.map((q) => q.map((v, d) => Math.max(v, point[d])));
  if (pushed.length <= 1) return pushed;
  const kept = [pushed[0]];
  let left = 0;
  for (let right = 1; right < pushed.length; right++) {
    if (pushed[left].some((v, d) => v > pushed[right][d])) {
      left = right;
      kept.push(pushed[left]);
    }
  }
  return kept;
}
