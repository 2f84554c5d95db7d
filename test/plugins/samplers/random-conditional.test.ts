import { describe, expect, it } from 'vitest';
import { sampleRandomParams } from '../../../plugins/samplers/random.js';
import { Rng } from '../../../src/plugin-api/rng.js';
import type { SearchSpace } from '../../../src/plugin-api/space.js';

const PLAIN: SearchSpace = [
  { kind: 'choice', name: 'optimizer', values: ['sgd', 'adam'] },
  { kind: 'const', name: 'epochs', value: 3 },
  { kind: 'float', name: 'lr', low: 1e-4, high: 1, log: true },
  { kind: 'int', name: 'layers', low: 1, high: 3, step: 1, log: false },
];
const CONDITIONAL: SearchSpace = [
  PLAIN[0],
  {
    kind: 'float',
    name: 'momentum',
    low: 0,
    high: 0.99,
    log: false,
    when: { op: 'compare', comparison: '==', name: 'optimizer', value: 'sgd' },
  },
  { kind: 'const', name: 'nesterov', value: true, when: { op: 'compare', comparison: '==', name: 'optimizer', value: 'sgd' } },
  PLAIN[2],
  PLAIN[3],
  { kind: 'int', name: 'units_3', low: 16, high: 256, step: 1, log: true, when: { op: 'in', name: 'layers', values: [3] } },
];

describe("random draws on a conditional space (also tpe's warm-up)", () => {
  it('leaves out each inactive parameter, constants too, and draws nothing for it', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const params = sampleRandomParams(CONDITIONAL, Rng.derive('conditional', i));
      const expected = [
        'optimizer',
        ...(params.optimizer === 'sgd' ? ['momentum', 'nesterov'] : []),
        'lr',
        'layers',
        ...(params.layers === 3 ? ['units_3'] : []),
      ];
      expect(Object.keys(params)).toEqual(expected);
      seen.add(Object.keys(params).join());
      if (params.optimizer === 'adam') {
        // No draw spent on momentum: lr and layers are the plain space's second and third draws.
        const plain = sampleRandomParams(PLAIN, Rng.derive('conditional', i));
        expect([params.lr, params.layers]).toEqual([plain.lr, plain.layers]);
      }
    }
    expect(seen.size).toBe(4);
  });
});
