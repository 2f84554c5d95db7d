import { describe, expect, it } from 'vitest';
import { type Condition, conditionHolds, conditionNames, parameterIsActive } from '../../src/plugin-api/condition.js';

const sgd: Condition = { op: 'compare', comparison: '==', name: 'optimizer', value: 'sgd' };
const deep: Condition = { op: 'compare', comparison: '>=', name: 'layers', value: 3 };

describe('conditions', () => {
  it('compares, combines and negates', () => {
    expect(conditionHolds(sgd, { optimizer: 'sgd' })).toBe(true);
    expect(conditionHolds(sgd, { optimizer: 'adam' })).toBe(false);
    expect(conditionHolds(deep, { layers: 3 })).toBe(true);
    expect(conditionHolds(deep, { layers: 2 })).toBe(false);
    const both: Condition = { op: 'and', left: sgd, right: deep };
    expect(conditionHolds(both, { optimizer: 'sgd', layers: 4 })).toBe(true);
    expect(conditionHolds(both, { optimizer: 'sgd', layers: 1 })).toBe(false);
    expect(conditionHolds({ op: 'or', left: sgd, right: deep }, { optimizer: 'adam', layers: 4 })).toBe(true);
    expect(conditionHolds({ op: 'not', operand: sgd }, { optimizer: 'adam' })).toBe(true);
    expect(conditionHolds({ op: 'in', name: 'layers', values: [1, 2] }, { layers: 2 })).toBe(true);
    expect(conditionHolds({ op: 'in', name: 'layers', values: [1, 2] }, { layers: 3 })).toBe(false);
  });

  it('orders numbers only', () => {
    expect(conditionHolds({ op: 'compare', comparison: '<', name: 'x', value: 2 }, { x: 'a' })).toBe(false);
  });

  it('is false as a whole when it reads an absent parameter, even under not', () => {
    expect(conditionHolds({ op: 'not', operand: sgd }, { layers: 3 })).toBe(false);
    expect(conditionHolds({ op: 'or', left: sgd, right: deep }, { layers: 3 })).toBe(false);
    expect(conditionNames({ op: 'or', left: sgd, right: { op: 'and', left: deep, right: sgd } })).toEqual(['optimizer', 'layers']);
  });

  it('makes a parameter without a condition always active', () => {
    expect(parameterIsActive({}, {})).toBe(true);
    expect(parameterIsActive({ when: deep }, { layers: 1 })).toBe(false);
  });
});
