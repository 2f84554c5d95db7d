import { describe, expect, it } from 'vitest';
import { bracketShape, hyperbandBracket } from '../../../src/engine/budget/hyperband-brackets.js';
import { budgetLevels, formatBudget } from '../../../src/engine/budget/levels.js';

describe('budgetLevels', () => {
  it("gives Hyperband's levels, the top exactly max", () => {
    const levels = budgetLevels({ min: 0.1, max: 1, reductionFactor: 3, integer: false });
    expect(levels.map(formatBudget)).toEqual(['0.111', '0.333', '1']);
    expect(levels.at(-1)).toBe(1);
  });

  it('counts a ratio that is a power of η as that power', () => {
    expect(budgetLevels({ min: 1, max: 27, reductionFactor: 3, integer: true })).toEqual([1, 3, 9, 27]);
    expect(budgetLevels({ min: 0.25, max: 1, reductionFactor: 2, integer: false })).toEqual([0.25, 0.5, 1]);
  });

  it('rounds whole-number budgets and merges levels rounded alike', () => {
    expect(budgetLevels({ min: 1, max: 10, reductionFactor: 3, integer: true })).toEqual([1, 3, 10]);
    expect(budgetLevels({ min: 1, max: 4, reductionFactor: 2, integer: true })).toEqual([1, 2, 4]);
  });

  it('has one level when max < min·η', () => {
    expect(budgetLevels({ min: 5, max: 10, reductionFactor: 3, integer: true })).toEqual([10]);
  });
});

describe('hyperbandBracket', () => {
  const sizes = (levelCount: number) => Array.from({ length: levelCount }, (_, b) => bracketShape(b, levelCount, 3));

  it("sizes the brackets as the paper's table (η = 3)", () => {
    expect(sizes(3)).toEqual([
      { size: 9, startLevel: 0 },
      { size: 5, startLevel: 1 },
      { size: 3, startLevel: 2 },
    ]);
    expect(sizes(4)).toEqual([
      { size: 27, startLevel: 0 },
      { size: 12, startLevel: 1 },
      { size: 6, startLevel: 2 },
      { size: 4, startLevel: 3 },
    ]);
    // R = 81, η = 3 in Li et al. 2018, Table 1: n = 81, 34, 15, 8, 5
    expect(sizes(5).map((b) => b.size)).toEqual([81, 34, 15, 8, 5]);
  });

  it('fills the brackets in order and cycles', () => {
    const at = (ordinal: number) => hyperbandBracket(ordinal, 3, 3);
    expect(at(0)).toEqual({ bracket: 0, startLevel: 0 });
    expect(at(8)).toEqual({ bracket: 0, startLevel: 0 });
    expect(at(9)).toEqual({ bracket: 1, startLevel: 1 });
    expect(at(13)).toEqual({ bracket: 1, startLevel: 1 });
    expect(at(14)).toEqual({ bracket: 2, startLevel: 2 });
    expect(at(16)).toEqual({ bracket: 2, startLevel: 2 });
    expect(at(17)).toEqual({ bracket: 3, startLevel: 0 });
  });
});
