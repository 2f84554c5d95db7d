import { describe, expect, it } from 'vitest';
import catboost from '../../../plugins/parsers/catboost.js';
import { parseAll } from './helpers.js';

describe('catboost parser', () => {
  it('reads learn and test by iteration; best, total and remaining are skipped', () => {
    expect(
      parseAll(catboost, ['25:\tlearn: 0.6800000\ttest: 0.6900000\ttest1: 0.7\tbest: 0.6900000 (25)\ttotal: 52.3ms\tremaining: 5.2s'])[0]!
        .points,
    ).toEqual([
      { name: 'learn', step: 25, value: 0.68 },
      { name: 'test', step: 25, value: 0.69 },
      { name: 'test1', step: 25, value: 0.7 },
    ]);
  });

  it('leaves other lines alone', () => {
    expect(parseAll(catboost, ['bestTest = 0.65', 'Learning rate set to 0.029139', '12: not\ta metric', '3:\tlearn: x'])).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });
});
