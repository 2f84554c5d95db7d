import { describe, expect, it } from 'vitest';
import { decidePromotions, type LadderSettings, type LadderTrial, type Promotions } from '../../../src/engine/budget/promotion.js';

const LEVELS = [1 / 9, 1 / 3, 1];
const ASHA: LadderSettings = { levels: LEVELS, reductionFactor: 3, goal: 'maximize', schedule: 'asha', closed: false };
const HYPERBAND: LadderSettings = { ...ASHA, schedule: 'hyperband' };

/** Which trial goes on to which level, without the numbers it went on with. */
const places = (verdict: Promotions) => verdict.promote.map(({ id, level }) => ({ id, level }));

/** A trial that completed levels 0.. with these results, waiting (no run, not ended). */
function trial(id: number, results: number[], extra: Partial<LadderTrial> = {}): LadderTrial {
  return {
    id,
    bracket: null,
    startLevel: 0,
    results: new Map(results.map((v, level) => [level, v])),
    running: null,
    ended: false,
    ...extra,
  };
}

describe('asha', () => {
  it('promotes nobody while fewer than η trials completed a level', () => {
    expect(decidePromotions([trial(0, [0.5]), trial(1, [0.6])], ASHA)).toEqual({ promote: [], notPromoted: [] });
  });

  it('promotes the top floor(n/η) of a rung, best first', () => {
    const trials = [0.5, 0.9, 0.1, 0.7, 0.3, 0.8].map((v, id) => trial(id, [v]));
    expect(places(decidePromotions(trials, ASHA))).toEqual([
      { id: 1, level: 1 },
      { id: 5, level: 1 },
    ]);
  });

  it('minimizes when the goal says so', () => {
    const trials = [0.5, 0.9, 0.1].map((v, id) => trial(id, [v]));
    expect(places(decidePromotions(trials, { ...ASHA, goal: 'minimize' }))).toEqual([{ id: 2, level: 1 }]);
  });

  it('never promotes again a trial that went on, nor one that ended or runs', () => {
    const trials = [
      trial(0, [0.9, 0.5]),
      trial(1, [0.8], { running: 1 }),
      trial(2, [0.7], { ended: true }),
      trial(3, [0.6]),
      trial(4, [0.1]),
      trial(5, [0.2]),
    ];
    // top 2 of 6 at level 0 are 0 and 1: neither waits there
    expect(places(decidePromotions(trials, ASHA))).toEqual([]);
  });

  it('looks at the top rung first', () => {
    const trials = [trial(0, [0.9, 0.95]), trial(1, [0.8, 0.85]), trial(2, [0.7, 0.75]), trial(3, [0.1]), trial(4, [0.2]), trial(5, [0.3])];
    trials.push(...[0.01, 0.02, 0.03].map((v, i) => trial(6 + i, [v])));
    // level 1: 3 completed, top 1 → trial 0; level 0: 9 completed, top 3 = 0, 1, 2 (all went on)
    expect(places(decidePromotions(trials, ASHA))).toEqual([{ id: 0, level: 2 }]);
    trials[0] = trial(0, [0.9, 0.95], { running: 2 });
    trials.push(trial(9, [0.99]));
    // level 0 now has 10: top 3 are 9, 0, 1; 9 waits
    expect(places(decidePromotions(trials, ASHA))).toEqual([{ id: 9, level: 1 }]);
  });

  it('ranks a level without a result last and never promotes it', () => {
    const trials = [trial(0, [NaN]), trial(1, [0.1]), trial(2, [0.2])];
    expect(places(decidePromotions(trials, ASHA))).toEqual([{ id: 2, level: 1 }]);
    const allNaN = [trial(0, [NaN]), trial(1, [NaN]), trial(2, [NaN])];
    expect(places(decidePromotions(allNaN, ASHA))).toEqual([]);
  });

  it('once closed, a final rung promotes max(1, floor(n/η)) and tells the others why, with the numbers', () => {
    const trials = [trial(0, [0.5]), trial(1, [0.912])];
    expect(decidePromotions(trials, ASHA)).toEqual({ promote: [], notPromoted: [] });
    expect(decidePromotions(trials, { ...ASHA, closed: true })).toEqual({
      promote: [{ id: 1, level: 1, standing: { value: 0.912, rank: 1, of: 2 } }],
      notPromoted: [{ id: 0, level: 0, reason: 'not promoted at budget 0.111: 0.5 not in top 1 of 2 (cutoff 0.912)' }],
    });
  });

  it('gives no final verdict on a rung while a trial still runs at or below it', () => {
    const trials = [trial(0, [0.5]), trial(1, [0.912]), trial(2, [], { running: 0 })];
    expect(decidePromotions(trials, { ...ASHA, closed: true })).toEqual({ promote: [], notPromoted: [] });
  });

  it('once closed with nothing running, gives every waiting trial its verdict in one call, whatever its rung', () => {
    // trials 1, 3, 8, 10 went on to level 1 and trial 5 to the top; the level-0 trials left are
    // not promoted, and with them gone level 1 is final too: a live sweep that asks only when a
    // run ends would otherwise never hear of the level-1 waiters again
    const scores = [0.1, 0.9, 0.2, 0.85, 0.3, 0.95, 0.15, 0.25, 0.8, 0.05, 0.82, 0.12];
    const trials = scores.map((v, id) => {
      const results = [v];
      if ([1, 3, 5, 8, 10].includes(id)) results.push(v);
      if (id === 5) results.push(v);
      return trial(id, results);
    });
    const { promote, notPromoted } = decidePromotions(trials, { ...ASHA, closed: true });
    const judged = new Set([...promote.map((p) => p.id), ...notPromoted.map((n) => n.id)]);
    const waiting = trials.filter((t) => t.results.size < LEVELS.length && ![5].includes(t.id));
    expect(waiting.filter((t) => !judged.has(t.id)).map((t) => t.id)).toEqual([]);
  });

  it('decides a final rung from the final numbers: the reason of the issue', () => {
    const values = [0.95, 0.94, 0.931, 0.912, 0.9, 0.8, 0.7, 0.6, 0.5];
    const trials = values.map((v, id) => trial(id, [0.1, v], { running: null }));
    // 0, 1, 2 went on to the top already
    for (const id of [0, 1, 2]) trials[id] = trial(id, [0.1, values[id], 0.99]);
    const verdict = decidePromotions(trials, { ...ASHA, closed: true });
    expect(places(verdict)).toEqual([]);
    expect(verdict.notPromoted.find((v) => v.id === 3)).toEqual({
      id: 3,
      level: 1,
      reason: 'not promoted at budget 0.333: 0.912 not in top 3 of 9 (cutoff 0.931)',
    });
    expect(verdict.notPromoted.map((v) => v.id)).toEqual([3, 4, 5, 6, 7, 8]);
  });
});

describe('the numbers a trial went on with', () => {
  it('are its result at the level below, its rank and how many it was ranked with: 2nd of 9', () => {
    const values = [0.95, 0.94, 0.931, 0.912, 0.9, 0.8, 0.7, 0.6, 0.5];
    const trials = values.map((v, id) => trial(id, [v]));
    // trial 0 went on already: trial 1 is promoted as the 2nd of the 9 that completed level 0
    trials[0] = trial(0, [0.95], { running: 1 });
    expect(decidePromotions(trials, ASHA).promote).toEqual([
      { id: 1, level: 1, standing: { value: 0.94, rank: 2, of: 9 } },
      { id: 2, level: 1, standing: { value: 0.931, rank: 3, of: 9 } },
    ]);
  });
});

describe('an open rung (asha, trials may still start)', () => {
  // ranked without sorting the whole rung: the ranks must be those of the full ranking
  it('breaks a tie at the cutoff by id: the earlier trial is kept', () => {
    const values = [0.9, 0.7, 0.7, 0.7, 0.1, 0.2];
    const trials = values.map((v, id) => trial(id, [v], id === 0 ? { running: 1 } : {}));
    expect(decidePromotions(trials, ASHA).promote).toEqual([{ id: 1, level: 1, standing: { value: 0.7, rank: 2, of: 6 } }]);
  });

  it('holds -0 and 0 the same result, and a trial without one after every other', () => {
    const minimize: LadderSettings = { ...ASHA, goal: 'minimize' };
    const trials = [trial(0, [NaN]), trial(1, [0], { running: 1 }), trial(2, [-0]), trial(3, [0.5]), trial(4, [0.5]), trial(5, [0.6])];
    expect(decidePromotions(trials, minimize).promote).toEqual([{ id: 2, level: 1, standing: { value: -0, rank: 2, of: 6 } }]);
  });
});

describe('hyperband', () => {
  /** Bracket 0 of 3 levels at η 3 holds 9 trials from level 0. */
  const member = (id: number, results: number[], extra: Partial<LadderTrial> = {}) => trial(id, results, { bracket: 0, ...extra });

  it('decides a rung only once every trial of the bracket ended it', () => {
    const trials = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8].map((v, id) => member(id, [v]));
    trials.push(member(8, [], { running: 0 }));
    expect(decidePromotions(trials, HYPERBAND)).toEqual({ promote: [], notPromoted: [] });
    trials[8] = member(8, [0.95]);
    const verdict = decidePromotions(trials, HYPERBAND);
    expect(places(verdict)).toEqual([
      { id: 8, level: 1 },
      { id: 7, level: 1 },
      { id: 6, level: 1 },
    ]);
    expect(verdict.notPromoted.map((v) => v.id)).toEqual([5, 4, 3, 2, 1, 0]);
    expect(verdict.notPromoted[0].reason).toBe('not promoted at budget 0.111: 0.6 not in top 3 of 9 (cutoff 0.7)');
  });

  it('waits for a bracket not yet full, unless no new trial will start', () => {
    const trials = [0.1, 0.2, 0.3, 0.4].map((v, id) => member(id, [v]));
    expect(places(decidePromotions(trials, HYPERBAND))).toEqual([]);
    expect(places(decidePromotions(trials, { ...HYPERBAND, closed: true }))).toEqual([{ id: 3, level: 1 }]);
  });

  it('decides the next rung among the promoted only, once they all ended it', () => {
    const trials = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6].map((v, id) => member(id, [v], { ended: true }));
    trials.push(member(6, [0.7, 0.5]), member(7, [0.8, 0.9]), member(8, [0.9], { running: 1 }));
    expect(decidePromotions(trials, HYPERBAND)).toEqual({ promote: [], notPromoted: [] });
    trials[8] = member(8, [0.9, 0.6]);
    expect(decidePromotions(trials, HYPERBAND)).toEqual({
      promote: [{ id: 7, level: 2, standing: { value: 0.9, rank: 1, of: 3 } }],
      notPromoted: [
        { id: 8, level: 1, reason: 'not promoted at budget 0.333: 0.6 not in top 1 of 3 (cutoff 0.9)' },
        { id: 6, level: 1, reason: 'not promoted at budget 0.333: 0.5 not in top 1 of 3 (cutoff 0.9)' },
      ],
    });
  });

  it('keeps brackets apart', () => {
    const trials = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].map((v, id) => member(id, [v]));
    trials.push(trial(9, [NaN, 0.99], { bracket: 1, startLevel: 1 }));
    expect(places(decidePromotions(trials, HYPERBAND))).toEqual([
      { id: 8, level: 1 },
      { id: 7, level: 1 },
      { id: 6, level: 1 },
    ]);
  });
});
