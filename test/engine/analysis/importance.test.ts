import { describe, expect, it } from 'vitest';
import { parameterImportances, parameterImportancesInTurns } from '../../../src/engine/analysis/importance.js';
import type { SearchSpace } from '../../../src/plugin-api/space.js';

const SPACE: SearchSpace = [
  { kind: 'float', name: 'x', low: 0, high: 1, log: false },
  { kind: 'choice', name: 'kind', values: ['a', 'b'] },
  { kind: 'int', name: 'fixed', low: 3, high: 3, step: 1, log: false },
  { kind: 'const', name: 'epochs', value: 5 },
];

const trials = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    params: { x: i / count, kind: i % 2 ? 'a' : 'b', fixed: 3, epochs: 5 },
    objective: 5 * (i / count) + (i % 2) * 0.1,
    completed: true,
  }));

describe('parameterImportances', () => {
  it('needs 10 completed trials, and says how many there are', () => {
    const six = [...trials(6), { params: { x: 0.5, kind: 'a', fixed: 3 }, objective: 1, completed: false }];
    expect(parameterImportances(six, SPACE, { seed: 0 })).toEqual({
      computed: false,
      completed: 6,
      reason: 'needs 10 completed trials, have 6',
    });
  });

  it('ranks the parameter the objective follows first; a single-valued one scores 0 and a constant is no parameter', () => {
    const result = parameterImportances(trials(30), SPACE, { seed: 0 });
    if (!result.computed) throw new Error(result.reason);
    expect(result.importances.map((i) => i.name)).toEqual(['x', 'kind', 'fixed']);
    expect(result.importances.reduce((sum, i) => sum + i.importance, 0)).toBeCloseTo(1, 12);
    expect(result.importances[2]!.importance).toBe(0);
  });

  it('says so when the objective does not vary', () => {
    const flat = trials(12).map((t) => ({ ...t, objective: 2 }));
    expect(parameterImportances(flat, SPACE, { seed: 0 })).toMatchObject({
      computed: false,
      reason: 'the objective does not vary with the parameters',
    });
  });

  it('gives the same result computed in turns as at once', async () => {
    expect(await parameterImportancesInTurns(trials(25), SPACE, { seed: 4 })).toEqual(parameterImportances(trials(25), SPACE, { seed: 4 }));
  });
});
