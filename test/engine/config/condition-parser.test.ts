import { describe, expect, it } from 'vitest';
import { ConditionSyntaxError, parseCondition } from '../../../src/engine/config/condition-parser.js';

function syntaxError(text: string): ConditionSyntaxError {
  try {
    parseCondition(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConditionSyntaxError);
    return error as ConditionSyntaxError;
  }
  throw new Error(`expected ${text} to be refused`);
}

describe('when: the condition language', () => {
  it('reads a comparison, names and literals of each kind', () => {
    expect(parseCondition("optimizer == 'sgd'").condition).toEqual({ op: 'compare', comparison: '==', name: 'optimizer', value: 'sgd' });
    expect(parseCondition('layers >= 3').condition).toEqual({ op: 'compare', comparison: '>=', name: 'layers', value: 3 });
    expect(parseCondition('lr<1e-3').condition).toEqual({ op: 'compare', comparison: '<', name: 'lr', value: 0.001 });
    expect(parseCondition('x != -2.5').condition).toMatchObject({ comparison: '!=', value: -2.5 });
    expect(parseCondition('flag == true').condition).toMatchObject({ value: true });
    expect(parseCondition('flag == false').condition).toMatchObject({ value: false });
    expect(parseCondition('tag == null').condition).toMatchObject({ value: null });
    expect(parseCondition('`batch-size` <= 64').condition).toMatchObject({ name: 'batch-size', value: 64 });
    expect(parseCondition('opt == "adam"').condition).toMatchObject({ value: 'adam' });
  });

  it('reads in [...]', () => {
    expect(parseCondition('opt in [\'sgd\', "adam", 3]').condition).toEqual({ op: 'in', name: 'opt', values: ['sgd', 'adam', 3] });
  });

  it('binds not tighter than and, and tighter than or; parentheses group', () => {
    const a = { op: 'compare', comparison: '==', name: 'a', value: 1 };
    const b = { op: 'compare', comparison: '==', name: 'b', value: 2 };
    const c = { op: 'compare', comparison: '==', name: 'c', value: 3 };
    expect(parseCondition('a == 1 or b == 2 and c == 3').condition).toEqual({ op: 'or', left: a, right: { op: 'and', left: b, right: c } });
    expect(parseCondition('(a == 1 or b == 2) and c == 3').condition).toEqual({
      op: 'and',
      left: { op: 'or', left: a, right: b },
      right: c,
    });
    expect(parseCondition('not a == 1 and b == 2').condition).toEqual({ op: 'and', left: { op: 'not', operand: a }, right: b });
    expect(parseCondition('not (a == 1 and b == 2)').condition).toEqual({ op: 'not', operand: { op: 'and', left: a, right: b } });
  });

  it('keeps where each name and value is written', () => {
    const { references } = parseCondition("layers >= 3 and opt in ['sgd', 'adam']");
    expect(references).toEqual([
      { name: 'layers', offset: 0, operator: '>=', values: [{ value: 3, offset: 10 }] },
      {
        name: 'opt',
        offset: 16,
        operator: 'in',
        values: [
          { value: 'sgd', offset: 24 },
          { value: 'adam', offset: 31 },
        ],
      },
    ]);
  });

  it.each([
    ["opt = 'sgd'", 4, /single '='/],
    ["opt == 'sgd", 7, /no closing '/],
    ['opt == sgd', 7, /got the name sgd; quote a string: 'sgd'/],
    ["opt == 'sgd' and", 16, /expected a parameter name, not or \(, got the end of the condition/],
    ['(a == 1', 7, /expected '\)'/],
    ['a == 1 b == 2', 7, /expected and, or, or the end/],
    ['a 1', 2, /expected a comparison after a/],
    ['a in 1', 5, /expected '\[' after in/],
    ['a in [1 2]', 8, /expected ',' or '\]'/],
    ['batch-size > 3', 0, /written in backquotes: `batch-size`/],
    ['`a > 3', 0, /no closing `/],
    ['a == 1 ; b', 7, /unexpected character ";"/],
    ['', 0, /expected a parameter name/],
    ["import('fs') == 1", 6, /expected a comparison after import/],
  ])('refuses %j at offset %i', (text, offset, message) => {
    const error = syntaxError(text as string);
    expect(error.offset).toBe(offset);
    expect(error.message).toMatch(message as RegExp);
  });
});
