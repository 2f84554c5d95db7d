/**
 * Sampler benchmark: how fast each sampler finds good values on four standard problems, beside
 * Optuna's TPESampler measured in the same run, and how long one TPE suggestion takes.
 *
 *   npx tsx bench/samplers.ts             100 trials × 20 seeds, sequential
 *   npx tsx bench/samplers.ts --quick     100 trials × 3 seeds
 *   npx tsx bench/samplers.ts --seeds 60  more seeds, for differences the default cannot resolve
 *
 * The Optuna column needs /usr/bin/python3 with optuna importable (apt-get install python3-optuna);
 * without it the column is skipped with a note. Problems are mirrored in bench/optuna_samplers.py.
 * Optuna runs twice, on seeds 0…n−1 and n…2n−1: the second row shows how much a median moves with
 * the seeds alone, the yardstick for any gap between Optuna and us.
 */
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { samplerPlugins } from '../plugins/samplers/index.js';
import { ndtr } from '../plugins/samplers/tpe/normal.js';
import type { SamplerPlugin, SamplerTrial } from '../src/plugin-api/sampler.js';
import { Rng } from '../src/plugin-api/rng.js';
import type { Params, SearchSpace } from '../src/plugin-api/space.js';

const QUICK = process.argv.includes('--quick');
const SEEDS = Number(process.argv[process.argv.indexOf('--seeds') + 1]) || (QUICK ? 3 : 20);
const TRIALS = 100;
const CHECKPOINTS = [10, 25, 50, 100];
const COMPARED = ['tpe', 'random', 'sobol'];

interface Problem {
  name: string;
  about: string;
  space: SearchSpace;
  objective(params: Params): number;
  /** A point whose value both implementations must agree on. */
  check: Params;
}

const float = (name: string, low: number, high: number, log = false): SearchSpace[number] => ({ kind: 'float', name, low, high, log });
const num = (params: Params, name: string): number => params[name] as number;
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

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

const PROBLEMS: Problem[] = [
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

/** Best value after each trial of one sequential sweep. */
function bestSoFar(plugin: SamplerPlugin, problem: Problem, seed: number): number[] {
  const sampler = plugin.create({}, { space: problem.space, goal: 'minimize', seed });
  const history: SamplerTrial[] = [];
  const curve: number[] = [];
  let best = Infinity;
  for (let id = 0; id < TRIALS; id++) {
    const params = sampler.suggest({ trialId: id, rng: Rng.derive('bench', seed, id), history });
    if (!params) break;
    const value = problem.objective(params);
    best = Math.min(best, value);
    curve.push(best);
    history.push({ id, params, state: 'completed', objective: value, lastStep: null });
  }
  return curve;
}

interface Optuna {
  version: string;
  checks: Record<string, number>;
  best: Record<string, number[][]>;
}

async function optunaBaseline(firstSeed: number): Promise<Optuna | string> {
  const script = fileURLToPath(new URL('./optuna_samplers.py', import.meta.url));
  const args = [script, '--seeds', String(SEEDS), '--first-seed', String(firstSeed), '--trials', String(TRIALS)];
  const run = await execa('/usr/bin/python3', args, { reject: false });
  if (run.exitCode !== 0) return `Optuna column skipped: ${run.stdout.includes('error') ? JSON.parse(run.stdout).error : run.stderr.split('\n').at(-1) || run.shortMessage}`;
  const result = JSON.parse(run.stdout) as Optuna;
  for (const problem of PROBLEMS) {
    const ours = problem.objective(problem.check);
    if (Math.abs(ours - result.checks[problem.name]) > 1e-9 * Math.max(1, Math.abs(ours))) {
      return `Optuna column skipped: ${problem.name} differs between bench/samplers.ts (${ours}) and bench/optuna_samplers.py (${result.checks[problem.name]})`;
    }
  }
  return result;
}

function quantile(sorted: number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const below = Math.floor(at);
  return sorted[below] + (sorted[Math.min(below + 1, sorted.length - 1)] - sorted[below]) * (at - below);
}

interface Summary {
  median: number;
  q1: number;
  q3: number;
}

function summarise(curves: number[][], trial: number): Summary {
  const values = curves.map((curve) => curve[Math.min(trial, curve.length) - 1]).sort((a, b) => a - b);
  return { median: quantile(values, 0.5), q1: quantile(values, 0.25), q3: quantile(values, 0.75) };
}

/**
 * Mann–Whitney U over final bests: the share of (ours, theirs) seed pairs in which ours is lower,
 * and the two-sided p-value of "neither tends lower" (normal approximation) — so that a median
 * difference the seeds cannot resolve is not read as a verdict.
 */
function rankTest(ours: number[], theirs: number[]): { share: number; p: number } {
  const all = [...ours.map((v) => ({ v, ours: true })), ...theirs.map((v) => ({ v, ours: false }))].sort((a, b) => a.v - b.v);
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j + 1 < all.length && all[j + 1].v === all[i].v) j++;
    for (let t = i; t <= j; t++) if (all[t].ours) rankSum += (i + j) / 2 + 1;
    i = j + 1;
  }
  const [n1, n2] = [ours.length, theirs.length];
  const u = rankSum - (n1 * (n1 + 1)) / 2; // pairs in which ours is the higher (worse)
  const z = (u - (n1 * n2) / 2) / Math.sqrt((n1 * n2 * (n1 + n2 + 1)) / 12);
  return { share: 1 - u / (n1 * n2), p: 2 * ndtr(-Math.abs(z)) };
}

const fmt = (x: number): string => (Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(2) : x.toPrecision(4));
const cell = (s: Summary): string => `${fmt(s.median)} [${fmt(s.q1)}, ${fmt(s.q3)}]`.padEnd(30);

/**
 * Median ms of one TPE suggestion after `size` completed trials over 10 parameters of every kind,
 * as wall-clock time and as CPU time (which a busy machine inflates far less).
 */
function tpeSuggestionMs(size: number, repeats: number): { wall: number; cpu: number } {
  const space: SearchSpace = [
    ...range(5).map((j) => float(`f${j}`, -1, 1)),
    float('lr', 1e-5, 1, true),
    float('wd', 1e-6, 1e-1, true),
    { kind: 'int', name: 'layers', low: 1, high: 32, step: 1, log: false },
    { kind: 'int', name: 'batch', low: 16, high: 512, step: 16, log: false },
    { kind: 'choice', name: 'act', values: ['relu', 'gelu', 'tanh', 'silu'] },
  ];
  const tpe = samplerPlugins.find((p) => p.name === 'tpe')!;
  const random = samplerPlugins.find((p) => p.name === 'random')!.create({}, { space, goal: 'minimize', seed: 0 });
  const history: SamplerTrial[] = range(size).map((id) => {
    const params = random.suggest({ trialId: id, rng: Rng.derive('timing', id), history: [] })!;
    const objective = range(5).reduce((s, j) => s + num(params, `f${j}`) ** 2, 0) + Math.abs(Math.log10(num(params, 'lr')) + 3);
    return { id, params, state: 'completed', objective, lastStep: null };
  });
  const sampler = tpe.create({}, { space, goal: 'minimize', seed: 0 });
  // Unmeasured calls first, so the figure is the steady state rather than the JIT warming up.
  for (let i = 0; i < 5; i++) sampler.suggest({ trialId: size, rng: Rng.derive('warm-up', i), history });
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const [started, cpuBefore] = [performance.now(), process.cpuUsage()];
    sampler.suggest({ trialId: size + i, rng: Rng.derive('timing', size, i), history });
    const used = process.cpuUsage(cpuBefore);
    wall.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = (xs: number[]) => quantile(xs.sort((a, b) => a - b), 0.5);
  return { wall: median(wall), cpu: median(cpu) };
}

async function main(): Promise<void> {
  console.log(`Sampler benchmark: ${TRIALS} sequential trials × ${SEEDS} seeds; best-so-far as median [first quartile, third quartile]\n`);
  // Optuna on the next seeds too: how far its own median moves with the seeds alone is the yardstick
  // for any gap between it and us. Both runs go at once, one per core.
  const optunaPending = Promise.all([optunaBaseline(0), optunaBaseline(SEEDS)]);
  const samplers = COMPARED.map((name) => samplerPlugins.find((p) => p.name === name)!);
  const ours = new Map(PROBLEMS.map((problem) => [problem.name, new Map(samplers.map((s) => [s.name, range(SEEDS).map((seed) => bestSoFar(s, problem, seed))]))]));
  const [optuna, optunaReseeded] = await optunaPending;
  if (typeof optuna === 'string') console.log(`${optuna}\n`);
  const reseededName = `optuna, seeds ${SEEDS}–${2 * SEEDS - 1}`;
  const verdicts: string[] = [];
  for (const problem of PROBLEMS) {
    console.log(`${problem.name} (${problem.about})`);
    console.log(`  ${'sampler'.padEnd(20)}${CHECKPOINTS.map((t) => `@${t}`.padEnd(30)).join('')}`);
    const rows = new Map(ours.get(problem.name)!);
    if (typeof optuna !== 'string') rows.set(`optuna ${optuna.version}`, optuna.best[problem.name]);
    if (typeof optunaReseeded !== 'string') rows.set(reseededName, optunaReseeded.best[problem.name]);
    for (const [name, curves] of rows) console.log(`  ${name.padEnd(20)}${CHECKPOINTS.map((t) => cell(summarise(curves, t))).join('')}`);
    const finals = (name: string) => rows.get(name)!.map((curve) => curve[curve.length - 1]);
    const versus = [...rows.keys()].filter((name) => name !== 'tpe' && name !== 'sobol' && name !== reseededName).map((name) => {
      const { share, p } = rankTest(finals('tpe'), finals(name));
      const median = fmt(summarise(rows.get(name)!, TRIALS).median);
      return `${name} ${median} (tpe lower in ${(100 * share).toFixed(0)} % of seed pairs, p = ${p.toFixed(2)})`;
    });
    if (typeof optuna !== 'string' && rows.has(reseededName)) {
      const { p } = rankTest(finals(`optuna ${optuna.version}`), finals(reseededName));
      versus.push(`Optuna itself on seeds ${SEEDS}–${2 * SEEDS - 1}: ${fmt(summarise(rows.get(reseededName)!, TRIALS).median)} (p = ${p.toFixed(2)} against seeds 0–${SEEDS - 1})`);
    }
    verdicts.push(`  ${problem.name.padEnd(17)} tpe ${fmt(summarise(rows.get('tpe')!, TRIALS).median)} vs ${versus.join('; ')}`);
    console.log();
  }
  console.log(`Median best at ${TRIALS} trials, lower is better (p: Mann–Whitney, two-sided):\n${verdicts.join('\n')}\n`);
  const at100 = tpeSuggestionMs(100, QUICK ? 20 : 60);
  const at1000 = tpeSuggestionMs(1000, QUICK ? 10 : 30);
  console.log('TPE time per suggestion, 10 parameters (5 float, 2 log float, 2 int, 1 choice):');
  const show = (t: { wall: number; cpu: number }) => `${t.wall.toFixed(2)} ms wall, ${t.cpu.toFixed(2)} ms CPU`;
  console.log(`  after 100 trials    ${show(at100)}   (goal < 5 ms)`);
  console.log(`  after 1,000 trials  ${show(at1000)}   (goal < 20 ms)`);
}

await main();
