/**
 * Which trials of a budget sweep go on to the next budget level, and which are told for good
 * that they do not: a pure function of the recorded history (as a pruner is), shared by the live
 * sweep, replay and the benchmark.
 *
 * - `asha` (Li et al., "A System for Massively Parallel Hyperparameter Tuning", Algorithm 2):
 *   a trial waiting at rung k is promoted as soon as it ranks within the top floor(n_k/η) of the
 *   n_k trials that completed level k; rungs are looked at top first. Once no new trial will
 *   start (`closed`) and nothing runs or waits below level k, rung k is final: its top
 *   max(1, floor(n_k/η)) are promoted, so every sweep brings at least one trial to the top, and
 *   every other trial waiting there is not promoted.
 * - `hyperband` (Li et al. 2018): within a bracket, rung k is decided once every trial of it has
 *   ended level k (synchronous successive halving); a bracket the trials budget cut short
 *   decides, once closed, with the trials it has.
 *
 * A level without a result (NaN: diverged, or nothing printed) ranks last and is never promoted.
 */
import type { Goal } from '../../plugin-api/plugin.js';
import { bracketShape } from './hyperband-brackets.js';
import { formatBudget } from './levels.js';

export interface LadderTrial {
  id: number;
  /** Its Hyperband bracket; null under asha. */
  bracket: number | null;
  startLevel: number;
  /** Level index → result of that level's completed run (NaN if it gave none). */
  results: ReadonlyMap<number, number>;
  /** The level it runs now; null when none. */
  running: number | null;
  /** Ended for another reason (failed, killed, pruned in-run): never promoted. */
  ended: boolean;
}

/** What a promotion was decided on: the result at the level below, ranked `rank` of the `of` judged with it. */
export interface PromotionStanding {
  value: number;
  rank: number;
  of: number;
}

export interface Promotions {
  /** Best first, top rung first. */
  promote: { id: number; level: number; standing: PromotionStanding }[];
  /** Final verdicts only: `level` is the level it completed and stays at. */
  notPromoted: { id: number; level: number; reason: string }[];
}

export interface LadderSettings {
  levels: number[];
  reductionFactor: number;
  goal: Goal;
  schedule: 'asha' | 'hyperband';
  /** No new trial will start. */
  closed: boolean;
}

export function decidePromotions(trials: readonly LadderTrial[], s: LadderSettings): Promotions {
  const decide = s.schedule === 'asha' ? decideAsha : decideHyperband;
  // A rung's verdicts can make the rung above it final (its last waiters below are judged), so
  // they are applied and the rules asked again until nothing changes: every verdict due now is
  // given in one call, as a sweep asks only when something happens.
  const out: Promotions = { promote: [], notPromoted: [] };
  let current = trials;
  for (;;) {
    const round = decide(current, s);
    if (round.promote.length === 0 && round.notPromoted.length === 0) return out;
    out.promote.push(...round.promote);
    out.notPromoted.push(...round.notPromoted);
    // no ASHA rung is final while trials may still start, and a promotion changes no rung's
    // members: asking again would find nothing (and cost a pass over every trial)
    if (s.schedule === 'asha' && !s.closed) return out;
    const promoted = new Map(round.promote.map((p) => [p.id, p.level]));
    const ended = new Set(round.notPromoted.map((n) => n.id));
    current = current.map((t) =>
      promoted.has(t.id) ? { ...t, running: promoted.get(t.id)! } : ended.has(t.id) ? { ...t, ended: true } : t,
    );
  }
}

/** The highest level it completed, or -1. */
function reached(trial: LadderTrial): number {
  let top = -1;
  for (const level of trial.results.keys()) top = Math.max(top, level);
  return top;
}

/** Completed level `level`, below the top, and neither runs, ended nor went on: it waits for a verdict. */
function waitsAt(trial: LadderTrial, level: number, top: number): boolean {
  return !trial.ended && trial.running === null && level < top && reached(trial) === level;
}

/** Best first; NaN last; ties by id (the earlier trial first). */
function ranked(trials: readonly LadderTrial[], level: number, goal: Goal): LadderTrial[] {
  // each value looked up once, not twice per comparison: a rung of 10,000 trials is sorted on every pass
  const sign = goal === 'maximize' ? -1 : 1;
  const keyed = trials.map((trial) => {
    const value = trial.results.get(level) ?? NaN;
    return { trial, nan: Number.isNaN(value), value: sign * value };
  });
  keyed.sort((a, b) => {
    if (a.nan !== b.nan) return a.nan ? 1 : -1;
    if (a.value !== b.value && !a.nan) return a.value - b.value;
    return a.trial.id - b.trial.id;
  });
  return keyed.map((k) => k.trial);
}

/** `not promoted at budget 0.333: 0.912 not in top 3 of 9 (cutoff 0.931)`. */
function reasonText(budget: number, value: number, top: number, of: number, cutoff: number): string {
  const shown = Number.isNaN(value) ? 'no result' : formatValue(value);
  return `not promoted at budget ${formatBudget(budget)}: ${shown} not in top ${top} of ${of} (cutoff ${formatValue(cutoff)})`;
}

function formatValue(value: number): string {
  return Number.isNaN(value) ? 'NaN' : String(Number(value.toPrecision(4)));
}

/** Of `members` (who ended level `level`), the verdicts on those waiting there, keeping the top `count`. */
function judgeRung(
  members: readonly LadderTrial[],
  level: number,
  count: number,
  s: LadderSettings,
  final: boolean,
  out: Promotions,
): void {
  const top = s.levels.length - 1;
  const order = ranked(members, level, s.goal);
  const kept = order.slice(0, count);
  kept.forEach((trial, index) => {
    const value = trial.results.get(level) ?? NaN;
    if (!waitsAt(trial, level, top) || Number.isNaN(value)) return;
    out.promote.push({ id: trial.id, level: level + 1, standing: { value, rank: index + 1, of: members.length } });
  });
  if (!final) return;
  const cutoff = kept.at(-1)?.results.get(level) ?? NaN;
  const promoted = new Set(out.promote.map((p) => p.id));
  for (const trial of order) {
    if (promoted.has(trial.id) || !waitsAt(trial, level, top)) continue;
    const value = trial.results.get(level) ?? NaN;
    out.notPromoted.push({ id: trial.id, level, reason: reasonText(s.levels[level], value, count, members.length, cutoff) });
  }
}

function decideAsha(trials: readonly LadderTrial[], s: LadderSettings): Promotions {
  const out: Promotions = { promote: [], notPromoted: [] };
  const top = s.levels.length - 1;
  // rung k is final once no trial runs at k or below, nor waits below k, and none will start: the
  // lowest level run and the lowest waited at, found in one look over the trials
  let lowestRunning = Number.POSITIVE_INFINITY;
  let lowestWaiting = Number.POSITIVE_INFINITY;
  const rungs: LadderTrial[][] = Array.from({ length: top }, () => []);
  for (const t of trials) {
    for (const level of t.results.keys()) if (level < top) rungs[level].push(t);
    if (t.ended) continue;
    if (t.running !== null) lowestRunning = Math.min(lowestRunning, t.running);
    else if (waitsAt(t, reached(t), top)) lowestWaiting = Math.min(lowestWaiting, reached(t));
  }
  const busyBelow = (level: number) => lowestRunning <= level || lowestWaiting < level;
  for (let level = top - 1; level >= 0; level--) {
    const members = rungs[level];
    if (members.length === 0) continue;
    const final = s.closed && !busyBelow(level);
    const count = final ? Math.max(1, Math.floor(members.length / s.reductionFactor)) : Math.floor(members.length / s.reductionFactor);
    if (final) judgeRung(members, level, count, s, true, out);
    else promoteFromOpenRung(members, level, count, s, out);
  }
  return out;
}

/**
 * An ASHA rung not final yet: only its waiters within the top `count` are promoted, as judgeRung
 * would, without ranking the whole rung. A live sweep asks on every free slot, and ranking level
 * 0's 10,000 trials each time was most of a pass (bench/budget-ladder.ts): the results sorted as
 * plain numbers give each waiter its rank by binary search instead.
 */
function promoteFromOpenRung(members: readonly LadderTrial[], level: number, count: number, s: LadderSettings, out: Promotions): void {
  if (count === 0) return;
  const top = s.levels.length - 1;
  const sign = s.goal === 'maximize' ? -1 : 1;
  // (the typed sort puts -0 before 0; the comparisons below, < and ===, hold them equal, as the ranking does)
  const keyOf = (value: number) => sign * value;
  const keys = new Float64Array(members.length);
  let finite = 0;
  const waiting: LadderTrial[] = [];
  for (const trial of members) {
    const value = trial.results.get(level) ?? NaN;
    if (Number.isNaN(value)) continue; // ranked last: before no one, and never promoted
    keys[finite++] = keyOf(value);
    if (waitsAt(trial, level, top)) waiting.push(trial);
  }
  if (waiting.length === 0) return;
  const sorted = keys.subarray(0, finite).sort();
  // the worst result still kept: a waiter below it is not looked at further
  const cutoff = sorted[Math.min(count, finite) - 1];
  const promoted: { trial: LadderTrial; rank: number }[] = [];
  for (const trial of waiting) {
    const key = keyOf(trial.results.get(level)!);
    if (key > cutoff) continue;
    // 1 + those before it: a better result, or the same one and an earlier id
    let rank = 1 + firstNotBelow(sorted, key);
    if (sorted[rank] === key)
      for (const other of members) if (other.id < trial.id && keyOf(other.results.get(level) ?? NaN) === key) rank++;
    if (rank <= count) promoted.push({ trial, rank });
  }
  promoted.sort((a, b) => a.rank - b.rank);
  for (const { trial, rank } of promoted) {
    out.promote.push({ id: trial.id, level: level + 1, standing: { value: trial.results.get(level)!, rank, of: members.length } });
  }
}

/** The index of the first element ≥ `key` in ascending `sorted`. */
function firstNotBelow(sorted: Float64Array, key: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

function decideHyperband(trials: readonly LadderTrial[], s: LadderSettings): Promotions {
  const out: Promotions = { promote: [], notPromoted: [] };
  const top = s.levels.length - 1;
  const brackets = new Map<number, LadderTrial[]>();
  for (const trial of trials) {
    if (trial.bracket === null) continue;
    const members = brackets.get(trial.bracket);
    if (members) members.push(trial);
    else brackets.set(trial.bracket, [trial]);
  }
  const byRung: Promotions[] = Array.from({ length: top }, () => ({ promote: [], notPromoted: [] }));
  for (const [bracket, members] of brackets) {
    const { size } = bracketShape(bracket, s.levels.length, s.reductionFactor);
    if (members.length < size && !s.closed) continue;
    // every verdict is on a trial waiting for one: a bracket with none (most, in a long sweep) is passed by unranked
    if (!members.some((t) => waitsAt(t, reached(t), top))) continue;
    let rung = members;
    for (let level = members[0].startLevel; level < top && rung.length > 0; level++) {
      // synchronous: decided only when every trial of the rung ended its level
      const decided = rung.every((t) => t.results.has(level) || (t.ended && t.running === null));
      if (!decided) break;
      const count = Math.max(1, Math.floor(rung.length / s.reductionFactor));
      judgeRung(rung, level, count, s, true, byRung[level]);
      rung = ranked(rung, level, s.goal)
        .slice(0, count)
        .filter((t) => !Number.isNaN(t.results.get(level) ?? NaN) && (!t.ended || t.results.has(level + 1)));
    }
  }
  const byId = new Map(trials.map((t) => [t.id, t]));
  for (let level = top - 1; level >= 0; level--) {
    const { promote, notPromoted } = byRung[level];
    const value = (id: number) => byId.get(id)!.results.get(level)!;
    promote.sort((a, b) => (s.goal === 'maximize' ? value(b.id) - value(a.id) : value(a.id) - value(b.id)) || a.id - b.id);
    out.promote.push(...promote);
    out.notPromoted.push(...notPromoted);
  }
  return out;
}
