/** The conditional parameters tests share: an optimizer, and a momentum present only for SGD. */
import type { ChoiceParameter, FloatParameter } from '../../src/plugin-api/space.js';

export const OPTIMIZER: ChoiceParameter = { kind: 'choice', name: 'optimizer', values: ['sgd', 'adam'] };

/** `momentum: {type: uniform, low: 0, high: …, when: "optimizer == 'sgd'"}` */
export function momentumForSgd(high = 0.99): FloatParameter {
  return {
    kind: 'float',
    name: 'momentum',
    low: 0,
    high,
    log: false,
    when: { op: 'compare', comparison: '==', name: 'optimizer', value: 'sgd' },
  };
}
