/**
 * The four problems the sampler benchmark runs, mirrored in bench/optuna_samplers.py; `check` is
 * a point at which both must give the same value, so that the two never silently drift apart.
 */
import type { Params, SearchSpace } from '../../src/plugin-api/space.js';

export interface Problem {
  name: string;
  about: string;
  space: SearchSpace;
  objective(params: Params): number;
  /** A point whose value both implementations must agree on. */
  check: Params;
}

export const float = (name: string, low: number, high: number, log = false): SearchSpace[number] => ({
  kind: 'float',
  name,
  low,
  high,
  log,
});
export const num = (params: Params, name: string): number => params[name] as number;
export const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

const HARTMANN_ALPHA = [1.0, 1.2, 3.0, 3.2];
const HARTMANN_A = [
  [10, 3, 17, 3.5, 1.7, 8],
  [0.05, 10, 17, 0.1, 8, 14],
  [3, 3.5, 1.7, 10, 17, 8],
  [17, 8, 0.05, 10, 0.1, 14],
];
const HARTMANN_P = [
  [0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886],
  [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
  [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.665],
  [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381],
];
const MIXED_OPTIMISERS: Record<string, [offset: number, bestLr: number]> = { sgd: [1.0, 1e-2], adam: [0.0, 1e-3], rmsprop: [0.5, 3e-4] };

export const PROBLEMS: Problem[] = [
  {
    name: 'branin',
    about: '2-D, minimum 0.397887',
    space: [float('x1', -5, 10), float('x2', 0, 15)],
    objective: (p) => {
      const [x1, x2] = [num(p, 'x1'), num(p, 'x2')];
      const [b, c, t] = [5.1 / (4 * Math.PI ** 2), 5 / Math.PI, 1 / (8 * Math.PI)];
      return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10;
    },
    check: { x1: 2.5, x2: 7.5 },
  },
  {
    name: 'hartmann6',
    about: '6-D on [0, 1]^6, minimum -3.32237',
    space: range(6).map((j) => float(`x${j}`, 0, 1)),
    objective: (p) =>
      -range(4).reduce((sum, i) => {
        const exponent = range(6).reduce((s, j) => s + HARTMANN_A[i][j] * (num(p, `x${j}`) - HARTMANN_P[i][j]) ** 2, 0);
        return sum + HARTMANN_ALPHA[i] * Math.exp(-exponent);
      }, 0),
    check: Object.fromEntries(range(6).map((j) => [`x${j}`, 0.5])),
  },
  {
    name: 'rosenbrock10-log',
    about: '10-D, log-uniform on [0.01, 10], value log10(1 + f), minimum 0',
    space: range(10).map((j) => float(`x${j}`, 0.01, 10, true)),
    objective: (p) => {
      const x = range(10).map((j) => num(p, `x${j}`));
      const f = range(9).reduce((s, i) => s + 100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2, 0);
      return Math.log10(1 + f);
    },
    check: Object.fromEntries(range(10).map((j) => [`x${j}`, 0.5])),
  },
  {
    name: 'mixed',
    about: 'a choice of 3, log-uniform lr in [1e-5, 1], int layers in [1, 16], minimum 0',
    space: [
      { kind: 'choice', name: 'optimizer', values: ['sgd', 'adam', 'rmsprop'] },
      float('lr', 1e-5, 1, true),
      { kind: 'int', name: 'layers', low: 1, high: 16, step: 1, log: false },
    ],
    objective: (p) => {
      const [offset, bestLr] = MIXED_OPTIMISERS[p.optimizer as string];
      return offset + (Math.log10(num(p, 'lr')) - Math.log10(bestLr)) ** 2 + 0.1 * (num(p, 'layers') - 6) ** 2;
    },
    check: { optimizer: 'sgd', lr: 0.001, layers: 4 },
  },
];
