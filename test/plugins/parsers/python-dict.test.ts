import { describe, expect, it } from 'vitest';
import pythonDict from '../../../plugins/parsers/python-dict.js';
import { lastPoints, parseAll } from './helpers.js';

const one = (line: string) => lastPoints(pythonDict, [line]);

describe('python-dict parser', () => {
  it("reads the Hugging Face Trainer's log dicts, with the fractional epoch as step", () => {
    expect(one("{'loss': 0.51, 'grad_norm': 1.23, 'learning_rate': 4.9e-05, 'epoch': 0.5}")).toEqual([
      { name: 'loss', step: 0.5, value: 0.51 },
      { name: 'grad_norm', step: 0.5, value: 1.23 },
      { name: 'learning_rate', step: 0.5, value: 4.9e-5 },
    ]);
  });

  it('unwraps np.float64(…) and tensor(…, device=…), reads nan/inf and skips other values', () => {
    expect(
      one(
        "{'eval_acc': np.float64(0.8125), 't': tensor(0.5, device='cuda:0'), 'l': nan, 'm': -inf, 'b': True, 's': 'x', 'n': None, 'p': (1, 2), 'epoch': 1.0}",
      ),
    ).toEqual([
      { name: 'eval_acc', step: 1, value: 0.8125 },
      { name: 't', step: 1, value: 0.5 },
      { name: 'l', step: 1, value: NaN },
      { name: 'm', step: 1, value: -Infinity },
    ]);
  });

  it('reads JSON written by json.dumps with bare NaN', () => {
    expect(one('{"step": 3, "loss": NaN, "acc": Infinity}')).toEqual([
      { name: 'loss', step: 3, value: NaN },
      { name: 'acc', step: 3, value: Infinity },
    ]);
  });

  it('opens the context of a fold, split or seed key, which is no metric', () => {
    expect(parseAll(pythonDict, ["{'fold': 2, 'accuracy': 0.95}", "{'Seed': 3, 'loss': 0.1, 'epoch': 2}"])).toEqual([
      { points: [{ name: 'accuracy', step: null, value: 0.95 }], context: 'fold 2' },
      { points: [{ name: 'loss', step: 2, value: 0.1 }], context: 'seed 3' },
    ]);
  });

  it('echoes a dict after a configuration label, flattened, with every value kept, and records no metric', () => {
    expect(
      parseAll(pythonDict, [
        "args: {'lr': 0.001, 'batch_size': 64, 'optimizer': 'adam'}",
        "2024-05-01 10:00:00,123 - INFO - hparams={'model': {'depth': 3, 'act': 'relu'}, 'amp': False, 'sched': None, 'milestones': [10, 20], 'path': PosixPath('/tmp/x')}",
        "CONFIG {'lr': np.float64(0.1)}",
        "train_config: {'lr': 0.1}",
        "Best params: {'C': 10, 'kernel': 'rbf'}",
      ]),
    ).toEqual([
      { points: [], echoed: { lr: 0.001, batch_size: 64, optimizer: 'adam' } },
      {
        points: [],
        echoed: { 'model/depth': 3, 'model/act': 'relu', amp: false, sched: null, milestones: '[10, 20]', path: "PosixPath('/tmp/x')" },
      },
      { points: [], echoed: { lr: 0.1 } },
      { points: [], echoed: { lr: 0.1 } },
      { points: [], echoed: { C: 10, kernel: 'rbf' } },
    ]);
    // not a label: another word that ends like one, a label glued to the brace, a metric dict
    expect(parseAll(pythonDict, ["myargs: {'lr': 0.1}", "args{'lr': 0.1}", "metrics: {'loss': 0.5}"]).map((r) => r?.echoed)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('does not claim cut or malformed dicts', () => {
    for (const line of ["{'loss': 0.5", "{'loss' 0.5}", "{'a': 1} extra", "{'a': [1, 2}"]) expect(one(line), line).toBeUndefined();
  });
});
