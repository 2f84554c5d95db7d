import { describe, expect, it } from 'vitest';
import xgboost from '../../../plugins/parsers/xgboost.js';
import { parseAll } from './helpers.js';

describe('xgboost parser', () => {
  it('reads `[round]\\t<set>-<metric>:<value>` with the round as step', () => {
    expect(parseAll(xgboost, ['[10]\tvalidation_0-logloss:0.31\tvalidation_1-error@0.5:0.08'])[0]!.points).toEqual([
      { name: 'validation_0-logloss', step: 10, value: 0.31 },
      { name: 'validation_1-error@0.5', step: 10, value: 0.08 },
    ]);
  });

  it("reads xgb.cv's mean+std (the mean), the CLI's time prefix, and nan", () => {
    expect(parseAll(xgboost, ['[12:24:01] [1]\ttrain-error:0.07011+0.00101\ttest-error:nan'])[0]!.points).toEqual([
      { name: 'train-error', step: 1, value: 0.07011 },
      { name: 'test-error', step: 1, value: NaN },
    ]);
  });

  it('does not repeat the best round printed after "Stopping. Best iteration:"', () => {
    const results = parseAll(xgboost, [
      "Will train until eval-rmse hasn't improved in 2 rounds.",
      '[3]\teval-rmse:1',
      'Stopping. Best iteration:',
      '[1]\teval-rmse:0.5',
      '[4]\teval-rmse:0.9',
    ]);
    expect(results.map((r) => r?.points.length)).toEqual([0, 1, 0, 0, 1]);
  });

  it("leaves LightGBM's lines and warnings alone", () => {
    expect(
      parseAll(xgboost, [
        "[10]\tvalid_0's l2: 0.5",
        '[12:23:45] WARNING: learner.cc:740: Parameters: { "silent" } are not used.',
        '[LightGBM] [Info] x: 1',
      ]),
    ).toEqual([null, null, null]);
  });
});
