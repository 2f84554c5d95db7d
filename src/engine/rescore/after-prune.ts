/**
 * Which of the points read again from a pruned trial's logs were printed after the pruner judged
 * it, flagged as its run flagged them, so that its objective stays its value where it was judged.
 * The judgement came on the last point the run counted: a point from a later line of the same log
 * came after it. From a log the run counted nothing of, a point of a later step did.
 */
import type { StoredPoint } from '../state/metric-log.js';

export function flagAfterPrune(
  reread: readonly StoredPoint[],
  recorded: readonly StoredPoint[],
  prunedAtStep: number | undefined,
): StoredPoint[] {
  if (prunedAtStep === undefined) return [...reread];
  const lastCounted = new Map<string, number>();
  for (const point of recorded) {
    const log = point.source ?? 'stdout';
    if (!point.afterPrune) lastCounted.set(log, Math.max(lastCounted.get(log) ?? 0, point.offset));
  }
  return reread.map((point) => {
    const counted = lastCounted.get(point.source ?? 'stdout');
    const after = counted === undefined ? point.step > prunedAtStep : point.offset > counted;
    return after ? { ...point, afterPrune: true } : point;
  });
}
