import { describe, expect, it } from 'vitest';
import { conditionText } from '../../../src/engine/config/condition-text.js';
import { parseCondition } from '../../../src/engine/config/condition-parser.js';
import { checkGivenParams } from '../../../src/engine/config/given-params.js';
import type { SearchSpace } from '../../../src/plugin-api/space.js';

const SPACE: SearchSpace = [
  { kind: 'choice', name: 'optimizer', values: ['sgd', 'adam'] },
  { kind: 'float', name: 'momentum', low: 0, high: 0.99, log: false, when: parseCondition("optimizer == 'sgd'").condition },
  { kind: 'int', name: 'layers', low: 1, high: 3, step: 1, log: false },
  { kind: 'const', name: 'deep', value: true, when: parseCondition('layers >= 3').condition },
];

describe('a hand-added trial against a conditional space', () => {
  it('takes the active parameters, filling in the active constants', () => {
    expect(checkGivenParams(SPACE, { optimizer: 'sgd', momentum: 0.5, layers: 3 })).toEqual({
      params: { optimizer: 'sgd', momentum: 0.5, layers: 3, deep: true },
    });
    expect(checkGivenParams(SPACE, { optimizer: 'adam', layers: 1 })).toEqual({ params: { optimizer: 'adam', layers: 1 } });
  });

  it.each([
    [
      { optimizer: 'adam', momentum: 0.5, layers: 1 },
      "momentum: given, but absent for these values (it needs optimizer == 'sgd'); leave it out",
    ],
    [{ optimizer: 'sgd', layers: 1 }, "momentum: missing (present because optimizer == 'sgd'); expected a number from 0 to 0.99"],
    [{ optimizer: 'sgd', momentum: 1.5, layers: 1 }, 'momentum: 1.5 is outside the search space; expected a number from 0 to 0.99'],
    [{ optimizer: 'adam', layers: 2, deep: true }, 'deep: given, but absent for these values (it needs layers >= 3); leave it out'],
    [{ optimizer: 'adam', layers: 2, width: 3 }, 'width: no such parameter; valid: optimizer, momentum, layers, deep'],
  ])('refuses %j', (given, detail) => {
    const checked = checkGivenParams(SPACE, given);
    expect('problem' in checked && checked.problem.detail).toBe(detail);
  });
});

describe('a condition written back', () => {
  it.each([
    "a == 'x' and (b < 2 or c in [1, 'two', true])",
    'not (a == 1 and b != 2)',
    'a == 1 or b == 2 and not c >= 3',
    '`batch-size` > 32',
  ])('reads %s as it was written', (text) => {
    expect(conditionText(parseCondition(text).condition)).toBe(text);
  });
});
