import { describe, expect, it } from 'vitest';
import lightgbm from '../../../plugins/parsers/lightgbm.js';
import { parseAll } from './helpers.js';

describe('lightgbm parser', () => {
  it("reads `[iteration]\\t<data>'s <metric>: <value>` with names as printed", () => {
    expect(parseAll(lightgbm, ["[10]\ttraining's l2: 0.4\tvalid_1's auc: 0.9"])[0]!.points).toEqual([
      { name: "training's l2", step: 10, value: 0.4 },
      { name: "valid_1's auc", step: 10, value: 0.9 },
    ]);
  });

  it("reads lgb.cv's `mean + std` as the mean", () => {
    expect(parseAll(lightgbm, ["[2]\tcv_agg's valid l2: 0.240123 + 0.0113456"])[0]!.points).toEqual([
      { name: "cv_agg's valid l2", step: 2, value: 0.240123 },
    ]);
  });

  it('claims [LightGBM] lines without metrics and skips the best-iteration summary', () => {
    const results = parseAll(lightgbm, [
      '[LightGBM] [Info] Number of data points in the train set: 6000, number of used features: 10',
      "[3]\tvalid_0's l2: 0.3",
      'Early stopping, best iteration is:',
      "[2]\tvalid_0's l2: 0.2",
      "[4]\tvalid_0's l2: 0.25",
    ]);
    expect(results.map((r) => r?.points.length)).toEqual([0, 1, 0, 0, 1]);
  });

  it("leaves XGBoost's lines alone", () => {
    expect(parseAll(lightgbm, ['[10]\tvalidation_0-logloss:0.31'])).toEqual([null]);
  });
});
