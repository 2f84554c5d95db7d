/**
 * Hyperband's brackets (Li et al. 2018, Algorithm 1): with s_max + 1 levels, bracket s (s_max
 * down to 0) has n_s = ceil((s_max+1)/(s+1)·η^s) trials starting at level s_max − s. New trials
 * fill the brackets in that order, one after the other, and the round starts again when the
 * trials budget is larger than one round. Brackets are numbered in the order they fill (round
 * after round), so a bracket number names one group of trials decided together.
 */

/** How many trials bracket number `bracket` holds, and the level they start at. */
export function bracketShape(bracket: number, levelCount: number, reductionFactor: number): { size: number; startLevel: number } {
  const sMax = levelCount - 1;
  const s = sMax - (bracket % levelCount);
  return { size: Math.ceil(((sMax + 1) / (s + 1)) * reductionFactor ** s - 1e-9), startLevel: sMax - s };
}

/** The bracket of the sweep's `trialOrdinal`-th new trial (0-based), and its start level. */
export function hyperbandBracket(
  trialOrdinal: number,
  levelCount: number,
  reductionFactor: number,
): { bracket: number; startLevel: number } {
  let roundSize = 0;
  for (let b = 0; b < levelCount; b++) roundSize += bracketShape(b, levelCount, reductionFactor).size;
  let remaining = trialOrdinal % roundSize;
  for (let bracket = Math.floor(trialOrdinal / roundSize) * levelCount; ; bracket++) {
    const { size, startLevel } = bracketShape(bracket, levelCount, reductionFactor);
    if (remaining < size) return { bracket, startLevel };
    remaining -= size;
  }
}
