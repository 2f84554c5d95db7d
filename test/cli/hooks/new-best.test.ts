import { describe, expect, it } from 'vitest';
import { NewBest } from '../../../src/cli/hooks/new-best.js';
import type { TrialSnapshot } from '../../../src/engine/events.js';

const trial = (id: number, objective: number | null, objectives?: Array<number | null>, state = 'completed') =>
  ({ id, state, objective, ...(objectives && { objectives }) }) as TrialSnapshot;

describe('on_new_best news', () => {
  it('is a strict improvement only: a tie, a worse value or NaN is not news', () => {
    const judge = new NewBest(['minimize'], []);
    const news = [trial(5, 0.5), trial(6, 0.6), trial(2, 0.5), trial(7, Number.NaN), trial(8, 0.4), trial(9, null)].map((t) =>
      judge.judge(t),
    );
    expect(news).toEqual([true, false, false, false, true, false]);
  });

  it('goes by the goal, and a resumed sweep’s trials set the bar without being news', () => {
    const judge = new NewBest(['maximize'], [trial(0, 0.9), trial(1, 0.95, undefined, 'pruned')]);
    expect([trial(2, 0.92), trial(3, 0.9), trial(4, 0.91)].map((t) => judge.judge(t))).toEqual([true, false, false]);
  });

  it('with several objectives, is a new member of the Pareto front with values of its own', () => {
    const judge = new NewBest(['maximize', 'minimize'], [trial(0, 0.9, [0.9, 10])]);
    const news = [
      trial(1, 0.8, [0.8, 12]), // dominated
      trial(2, 0.8, [0.8, 5]), // faster: on the front
      trial(3, 0.9, [0.9, 10]), // equal to trial 0: on the front, but nothing new
      trial(4, 0.95, [0.95, 4]), // dominates both
      trial(5, 0.99, [0.99, null]), // cannot be compared
    ].map((t) => judge.judge(t));
    expect(news).toEqual([false, true, false, true, false]);
  });
});
