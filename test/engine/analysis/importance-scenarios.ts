/**
 * Synthetic sweeps whose important parameters are known by construction, for the check of
 * importance.ts against Optuna. Values are drawn from a fixed seed, so each scenario repeats.
 */
import { parameterIsActive } from '../../../src/plugin-api/condition.js';
import { Rng } from '../../../src/plugin-api/rng.js';
import type { Params, SearchSpace } from '../../../src/plugin-api/space.js';

export interface ImportanceScenario {
  name: string;
  space: SearchSpace;
  trials: { params: Params; value: number }[];
}

const float = (name: string, low: number, high: number, log = false): SearchSpace[number] => ({ kind: 'float', name, low, high, log });
const int = (name: string, low: number, high: number): SearchSpace[number] => ({ kind: 'int', name, low, high, step: 1, log: false });

function draw(space: SearchSpace, rng: Rng): Params {
  const params: Params = {};
  for (const p of space) {
    if (!parameterIsActive(p, params)) continue;
    if (p.kind === 'choice') params[p.name] = p.values[Math.floor(rng.next() * p.values.length)]!;
    else if (p.kind === 'int') params[p.name] = p.low + Math.floor(rng.next() * (p.high - p.low + 1));
    else if (p.kind === 'float')
      params[p.name] = p.log
        ? Math.exp(Math.log(p.low) + rng.next() * (Math.log(p.high) - Math.log(p.low)))
        : p.low + rng.next() * (p.high - p.low);
  }
  return params;
}

function scenario(name: string, space: SearchSpace, count: number, objective: (p: Params, noise: number) => number): ImportanceScenario {
  const rng = Rng.derive('importance-scenario', name);
  const trials = Array.from({ length: count }, () => {
    const params = draw(space, rng);
    return { params, value: objective(params, rng.next() - 0.5) };
  });
  return { name, space, trials };
}

const num = (p: Params, name: string) => p[name] as number;

export const IMPORTANCE_SCENARIOS: ImportanceScenario[] = [
  scenario(
    'conditional: momentum only with sgd, which Optuna leaves out as not in every trial; layers matters most',
    [
      { kind: 'choice', name: 'optimizer', values: ['sgd', 'adam'] },
      { ...float('momentum', 0, 0.99), when: { op: 'compare', comparison: '==', name: 'optimizer', value: 'sgd' } },
      int('layers', 1, 4),
      float('noise', 0, 1),
    ],
    80,
    (p, noise) => 2 * num(p, 'layers') + (p.optimizer === 'sgd' ? 1 - num(p, 'momentum') : 0.5) + 0.1 * noise,
  ),
  scenario(
    'linear: 10·x1 + x2 + 0·x3',
    [float('x1', 0, 1), float('x2', 0, 1), float('x3', 0, 1)],
    80,
    (p, noise) => 10 * num(p, 'x1') + num(p, 'x2') + 0.1 * noise,
  ),
  scenario(
    'mixed: a choice matters most, a log-scaled rate next, an integer not at all',
    [{ kind: 'choice', name: 'optimizer', values: ['sgd', 'adam', 'rmsprop'] }, float('lr', 1e-5, 1, true), int('layers', 1, 16)],
    100,
    (p, noise) => ({ sgd: 1, adam: 0, rmsprop: 0.5 })[p.optimizer as string]! + 0.3 * Math.abs(Math.log10(num(p, 'lr')) + 3) + 0.1 * noise,
  ),
  scenario(
    'bowl: 2·a² + b² + 0·c',
    [float('a', -5, 5), float('b', -5, 5), float('c', -5, 5)],
    60,
    (p, noise) => 2 * num(p, 'a') ** 2 + num(p, 'b') ** 2 + noise,
  ),
  scenario(
    'balanced: 3·x1 + 2·x2 + 0·x3',
    [float('x1', 0, 1), float('x2', 0, 1), float('x3', 0, 1)],
    40,
    (p, noise) => 3 * num(p, 'x1') + 2 * num(p, 'x2') + 0.1 * noise,
  ),
];
