/**
 * The multi-objective TPE, step by step against Optuna 3.1 itself (/usr/bin/python3 with Debian's
 * python3-optuna, through optuna_motpe_steps.py; skipped without it, failing under CI). Both are
 * given the same history and the same candidates, and for each parameter everything between them
 * and the choice must be equal: the good and bad trials, the good trials' hypervolume weights, the
 * two Parzen estimators' log-densities at 200 candidates (which fix their kernels' centres, widths
 * and weights), and the candidate chosen. The suggestion distributions are compared in
 * tpe-vs-optuna.process.test.ts; this leaves no room for a difference the sampling noise hides.
 *
 * The histories are ZDT1's (5 parameters, the trials crowding towards the front as a sweep's do) at
 * the first modelled suggestion, with gamma(n) below and above a front's size (so that the subset
 * selection thins the boundary rank) and at 99 trials; one maximises an objective; one has three.
 */
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { modelParameter, type ModelledParameter } from '../../../../plugins/samplers/tpe/dimension.js';
import { readTpeOptions } from '../../../../plugins/samplers/tpe/options.js';
import { nondominationRanks, selectGoodIndices, splitHistoryByObjectives } from '../../../../plugins/samplers/tpe/pareto-split.js';
import { ParzenEstimator } from '../../../../plugins/samplers/tpe/parzen-estimator.js';
import { encodeTrials } from '../../../../plugins/samplers/tpe/propose.js';
import { defaultGamma } from '../../../../plugins/samplers/tpe/weights.js';
import type { Goal } from '../../../../src/plugin-api/plugin.js';
import { Rng } from '../../../../src/plugin-api/rng.js';
import type { SamplerTrial } from '../../../../src/plugin-api/sampler.js';
import type { SearchSpace } from '../../../../src/plugin-api/space.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./optuna_motpe_steps.py', import.meta.url));
const NAMES = ['x0', 'x1', 'x2', 'x3', 'x4'];
const SPACE: SearchSpace = NAMES.map((name) => ({ kind: 'float', name, low: 0, high: 1, log: false }));
const CANDIDATES = Array.from({ length: 200 }, (_, i) => (i + 0.5) / 200);

interface Case {
  name: string;
  goals: Goal[];
  history: SamplerTrial[];
}

/** ZDT1's trials; `objectives` turns its two values (and the parameters) into the case's. */
function zdt1Trials(count: number, seed: string, objectives = (f: number[], _x: number[]) => f): SamplerTrial[] {
  return Array.from({ length: count }, (_, id) => {
    const rng = Rng.derive(seed, id);
    const x = NAMES.map((_, j) => (j === 0 ? rng.next() : rng.next() ** 3));
    const g = 1 + (9 * (x[1] + x[2] + x[3] + x[4])) / 4;
    const values = objectives([x[0], g * (1 - Math.sqrt(x[0] / g))], x);
    const params = Object.fromEntries(NAMES.map((name, j) => [name, x[j]]));
    return { id, params, state: 'completed', objective: values[0], objectives: values, lastStep: null };
  });
}

const CASES: Case[] = [
  { name: 'ZDT1, 10 trials: the first modelled suggestion', goals: ['minimize', 'minimize'], history: zdt1Trials(10, 'a') },
  { name: 'ZDT1, 40 trials', goals: ['minimize', 'minimize'], history: zdt1Trials(40, 'b') },
  { name: 'ZDT1, 60 trials', goals: ['minimize', 'minimize'], history: zdt1Trials(60, 'c') },
  { name: 'ZDT1, 99 trials', goals: ['minimize', 'minimize'], history: zdt1Trials(99, 'd') },
  {
    name: 'ZDT1 with the first objective maximised (1 − f1), 50 trials',
    goals: ['maximize', 'minimize'],
    history: zdt1Trials(50, 'e', ([f1, f2]) => [1 - f1, f2]),
  },
  {
    name: 'three objectives (ZDT1 and x2), 70 trials',
    goals: ['minimize', 'minimize', 'minimize'],
    history: zdt1Trials(70, 'f', (f, x) => [...f, x[2]]),
  },
];

interface OptunaSteps {
  below: number[];
  above: number[];
  weights: number[];
  log_l: number[];
  log_g: number[];
  chosen: number;
}

async function optunaSteps(): Promise<Array<Record<string, OptunaSteps>> | string> {
  const requests = CASES.map(({ goals, history }) => ({
    directions: goals,
    names: NAMES,
    trials: history.map((trial) => ({ params: trial.params, values: trial.objectives })),
    candidates: CANDIDATES,
  }));
  const run = await execa(PYTHON, [SCRIPT], { input: JSON.stringify(requests), reject: false });
  if (run.exitCode === 3 || (run.failed && run.code === 'ENOENT'))
    return `${PYTHON} with optuna is needed (apt-get install python3-optuna)`;
  if (run.failed) throw new Error(`optuna_motpe_steps.py failed: ${run.stderr || run.shortMessage}`);
  return (JSON.parse(run.stdout) as { steps: Array<Record<string, OptunaSteps>> }).steps;
}

/** What tpe.ts computes for one parameter: the same calls, in the same order, on the same candidates. */
function ourSteps(goals: Goal[], history: SamplerTrial[], model: ModelledParameter) {
  const settings = readTpeOptions({});
  const split = splitHistoryByObjectives(history, goals, { constantLiar: settings.constantLiar, gamma: defaultGamma });
  const [good] = encodeTrials([model], split.good);
  const [bad] = encodeTrials([model], split.bad);
  const l = new ParzenEstimator([model.dimension], [good], settings, split.goodWeights);
  const g = new ParzenEstimator([model.dimension], [bad], settings);
  const points = CANDIDATES.map((x) => [model.encode(x)!]);
  const logL = l.logScore(points);
  const logG = g.logScore(points);
  let best = 0;
  for (let i = 1; i < points.length; i++) if (logL[i] - logG[i] > logL[best] - logG[best]) best = i;
  return {
    below: split.good.map((trial) => trial.id),
    above: split.bad.map((trial) => trial.id),
    weights: [...(split.goodWeights ?? [])],
    logL,
    logG,
    chosen: CANDIDATES[best],
  };
}

const expectClose = (ours: readonly number[], theirs: readonly number[], what: string) => {
  expect(ours.length, what).toBe(theirs.length);
  const worst = Math.max(0, ...ours.map((v, i) => Math.abs(v - theirs[i]) / Math.max(1, Math.abs(theirs[i]))));
  expect(worst, what).toBeLessThan(1e-9);
};

const optuna = await optunaSteps();
const missing = typeof optuna === 'string' ? ` (skipped: ${optuna})` : '';
if (missing && process.env.CI === 'true') throw new Error(`CI must run the multi-objective TPE fidelity test, but ${optuna as string}`);

describe.skipIf(missing !== '')(`multi-objective tpe, step by step against Optuna 3.1${missing}`, () => {
  it.each(CASES.map((c, index) => [c.name, index] as const))('%s: the same split, weights, densities and choice', (_, index) => {
    const { goals, history } = CASES[index];
    for (const name of NAMES) {
      const theirs = (optuna as Array<Record<string, OptunaSteps>>)[index][name];
      const model = modelParameter(SPACE.find((p) => p.name === name)!) as ModelledParameter;
      const ours = ourSteps(goals, history, model);
      // Optuna's below set is in its order (rank by rank, then as the subset selection picked), its above set in trial order.
      expect(ours.below, `${name}: good trials`).toEqual(theirs.below);
      expect(ours.above, `${name}: bad trials`).toEqual(theirs.above);
      expectClose(ours.weights, theirs.weights, `${name}: good trials' weights`);
      expectClose(ours.logL, theirs.log_l, `${name}: l(x)`);
      expectClose(ours.logG, theirs.log_g, `${name}: g(x)`);
      expect(ours.chosen, `${name}: the candidate chosen`).toBe(theirs.chosen);
    }
  });

  it('the cases reach the subset selection: in some, the good group holds part of a rank', () => {
    const thinned = CASES.filter(({ goals, history }) => {
      const losses = history.map((trial) => trial.objectives!.map((v, k) => (goals[k] === 'maximize' ? -v! : v!)));
      const ranks = nondominationRanks(losses);
      const good = new Set(selectGoodIndices(losses, defaultGamma(losses.length)));
      return losses.some((_, i) => !good.has(i) && [...good].some((j) => ranks[j] === ranks[i]));
    });
    expect(thinned.length).toBeGreaterThanOrEqual(3);
  });
});
