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
  const value = (t: LadderTrial) => t.results.get(level) ?? NaN;
  return [...trials].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (Number.isNaN(va) !== Number.isNaN(vb)) return Number.isNaN(va) ? 1 : -1;
    if (va !== vb && !Number.isNaN(va)) return goal === 'maximize' ? vb - va : va - vb;
    return a.id - b.id;
  });
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
  // rung k is final once no trial runs at k or below, nor waits below k, and none will start
  const busyBelow = (level: number) =>
    trials.some(
      (t) =>
        !t.ended &&
        ((t.running !== null && t.running <= level) || (t.running === null && reached(t) < level && waitsAt(t, reached(t), top))),
    );
  for (let level = top - 1; level >= 0; level--) {
    const members = trials.filter((t) => t.results.has(level));
    if (members.length === 0) continue;
    const final = s.closed && !busyBelow(level);
    const count = final ? Math.max(1, Math.floor(members.length / s.reductionFactor)) : Math.floor(members.length / s.reductionFactor);
    judgeRung(members, level, count, s, final, out);
  }
  return out;
}

function decideHyperband(trials: readonly LadderTrial[], s: LadderSettings): Promotions {
  const out: Promotions = { promote: [], notPromoted: [] };
  const top = s.levels.length - 1;
  const brackets = new Map<number, LadderTrial[]>();
  for (const trial of trials) {
    if (trial.bracket === null) continue;
    brackets.set(trial.bracket, [...(brackets.get(trial.bracket) ?? []), trial]);
  }
  const byRung: Promotions[] = Array.from({ length: top }, () => ({ promote: [], notPromoted: [] }));
  for (const [bracket, members] of brackets) {
    const { size } = bracketShape(bracket, s.levels.length, s.reductionFactor);
    if (members.length < size && !s.closed) continue;
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
  for (let level = top - 1; level >= 0; level--) {
    const { promote, notPromoted } = byRung[level];
    const value = (id: number) => trials.find((t) => t.id === id)!.results.get(level)!;
    promote.sort((a, b) => (s.goal === 'maximize' ? value(b.id) - value(a.id) : value(a.id) - value(b.id)) || a.id - b.id);
    out.promote.push(...promote);
    out.notPromoted.push(...notPromoted);
  }
  return out;
}
