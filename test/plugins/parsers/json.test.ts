import { describe, expect, it } from 'vitest';
import json from '../../../plugins/parsers/json.js';
import { lastPoints, parseAll } from './helpers.js';

const one = (line: string) => lastPoints(json, [line]);
const parsed = (line: string) => parseAll(json, [line])[0];

describe('json parser', () => {
  it('reads numbers of a JSON object line, the step key as step, nested objects as name/key', () => {
    expect(one('{"step": 200, "loss": 0.912, "eval": {"acc": 0.71}, "tag": "x", "ok": true, "list": [1]}')).toEqual([
      { name: 'loss', step: 200, value: 0.912 },
      { name: 'eval/acc', step: 200, value: 0.71 },
    ]);
  });

  it('reads "nan"/"inf" strings as numbers and a fractional epoch as the step', () => {
    expect(one('{"epoch": 1.5, "loss": "nan", "gn": "-inf"}')).toEqual([
      { name: 'loss', step: 1.5, value: NaN },
      { name: 'gn', step: 1.5, value: -Infinity },
    ]);
  });

  it('finds the object after a logging prefix, and skips timestamps', () => {
    expect(one('INFO:train:{"step": 1, "loss": 2, "timestamp": 1714557600.5}')).toEqual([{ name: 'loss', step: 1, value: 2 }]);
  });

  it('opens the context of a fold, split or seed key, which is no metric', () => {
    expect(parsed('{"fold": 2, "accuracy": 0.95}')).toEqual({ points: [{ name: 'accuracy', step: null, value: 0.95 }], context: 'fold 2' });
    expect(parsed('{"split": 0.2, "loss": 1}')).toEqual({ points: [{ name: 'loss', step: null, value: 1 }] });
  });

  it('echoes an object after a configuration label, flattened, and records no metric', () => {
    expect(parsed('Config: {"lr": 0.001, "tags": ["a"], "opt": {"name": "adam", "amsgrad": true}, "warmup": null}')).toEqual({
      points: [],
      echoed: { lr: 0.001, tags: '["a"]', 'opt/name': 'adam', 'opt/amsgrad': true, warmup: null },
    });
    expect(parsed('INFO:root:hyperparameters {"lr": 0.001}')).toEqual({ points: [], echoed: { lr: 0.001 } });
    expect(parsed('metrics: {"loss": 0.5}')).toEqual({ points: [{ name: 'loss', step: null, value: 0.5 }] });
  });

  it('leaves Python dicts, bare NaN and cut lines to others', () => {
    expect(one("{'loss': 0.5}")).toBeUndefined();
    expect(one('{"loss": NaN}')).toBeUndefined();
    expect(one('{"loss": 0.5')).toBeUndefined();
    expect(one('[1, 2]')).toBeUndefined();
  });
});
