/**
 * A budget sweep's ladder as the promotion rules read it, N trials in: built directly rather than
 * by replaying N launches (each of which would ask the rules once), in the state a live sweep is
 * in when a slot frees. ASHA: every trial completed level 0 with a pseudo-random result; of each
 * rung the top 1/η went on and completed the level above; `running` trials run at staggered
 * levels; the last trial has just completed level 0 near the top of its rung, so exactly one
 * promotion is due. Hyperband: brackets filled in order, every full one decided as far as the
 * rules go, the last still filling. Deterministic (no Math.random), so runs compare.
 */
import { decidePromotions, type LadderTrial } from '../../src/engine/budget/promotion.js';
import { hyperbandBracket } from '../../src/engine/budget/hyperband-brackets.js';

/** A result in (0, 1), the same for the same trial and level. */
function result(id: number, level: number): number {
  const x = Math.sin(id * 12.9898 + level * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

export function ashaLadder(trials: number, levels: number, eta: number, running: number): LadderTrial[] {
  const ladder: LadderTrial[] = [];
  for (let id = 1; id <= trials; id++)
    ladder.push({ id, bracket: null, startLevel: 0, results: new Map([[0, result(id, 0)]]), running: null, ended: false });
  // the last trial's result: best of its rung, its promotion is due
  (ladder[trials - 1].results as Map<number, number>).set(0, -1);
  let rung = ladder.slice(0, trials - 1);
  for (let level = 1; level < levels; level++) {
    rung = rung.sort((a, b) => a.results.get(level - 1)! - b.results.get(level - 1)!).slice(0, Math.floor(rung.length / eta));
    for (const trial of rung) (trial.results as Map<number, number>).set(level, result(trial.id, level));
  }
  // the running ones: the newest trials at level 0, and a few of the promoted above
  for (let i = 0; i < running; i++) {
    const trial = ladder[trials - 2 - i];
    (trial.results as Map<number, number>).delete(0);
    trial.running = 0;
  }
  return ladder;
}

export function hyperbandLadder(trials: number, levels: readonly number[], eta: number): LadderTrial[] {
  const ladder: LadderTrial[] = [];
  for (let ordinal = 0; ordinal < trials; ordinal++) {
    const { bracket, startLevel } = hyperbandBracket(ordinal, levels.length, eta);
    const id = ordinal + 1;
    ladder.push({ id, bracket, startLevel, results: new Map([[startLevel, result(id, startLevel)]]), running: null, ended: false });
  }
  // the brackets before the last decided as the sweep would have: promoted trials completed the
  // level above, the others ended; the last bracket, still filling, waits
  const settings = { levels: [...levels], reductionFactor: eta, goal: 'minimize' as const, schedule: 'hyperband' as const, closed: false };
  const byId = new Map(ladder.map((t) => [t.id, t]));
  for (;;) {
    const { promote, notPromoted } = decidePromotions(ladder, settings);
    if (promote.length === 0 && notPromoted.length === 0) return ladder;
    for (const { id, level } of promote) (byId.get(id)!.results as Map<number, number>).set(level, result(id, level));
    for (const { id } of notPromoted) byId.get(id)!.ended = true;
  }
}
