/**
 * Multi-objective sampler benchmark: the hypervolume of the front after 100 trials on ZDT1 with 5
 * variables (two objectives, both minimised), tpe and random beside Optuna's TPESampler in its
 * multi-objective mode.
 *
 *   npx tsx bench/samplers-multi-objective.ts             20 seeds
 *   npx tsx bench/samplers-multi-objective.ts --seeds N   seeds 0…N−1
 *   npx tsx bench/samplers-multi-objective.ts --quick     3 seeds, not written
 *
 * Optuna reports each trial's two values; the hypervolume is computed here, by the same function
 * for every sampler, so only the samplers differ. Both sides are seeded: the figures are a
 * function of the seeds and are computed once.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { samplerPlugins } from '../plugins/samplers/index.js';
import { hypervolume } from '../plugins/samplers/tpe/hypervolume.js';
import type { SamplerTrial } from '../src/plugin-api/sampler.js';
import { Rng } from '../src/plugin-api/rng.js';
import type { Params, SearchSpace } from '../src/plugin-api/space.js';
import { numberOption } from './lib/options.js';
import { Bench } from './lib/record.js';
import { renderResultTable } from './lib/render.js';
import { quantile, rankTest } from './samplers/compare.js';
import { range } from './samplers/problems.js';

const TRIALS = 100;
const VARIABLES = 5;
/** Beyond the worst ZDT1 values in the unit cube (f1 ≤ 1, f2 ≤ 10), so that every trial counts. */
const REFERENCE = [1.1, 11];
const SCRIPT = fileURLToPath(new URL('./optuna_samplers.py', import.meta.url));
const bench = new Bench('samplers-multi-objective');
const SEEDS = numberOption(process.argv, '--seeds') ?? (bench.options.quick ? 3 : 20);

const SPACE: SearchSpace = range(VARIABLES).map((j) => ({ kind: 'float', name: `x${j}`, low: 0, high: 1, log: false }));
const CHECK = [0.25, ...range(VARIABLES - 1).map(() => 0.5)];

function zdt1(x: readonly number[]): number[] {
  const g = 1 + (9 * x.slice(1).reduce((sum, v) => sum + v, 0)) / (x.length - 1);
  return [x[0], g * (1 - Math.sqrt(x[0] / g))];
}

/** The two objective values of each trial of one sequential sweep. */
function ourValues(name: string, seed: number): number[][] {
  const plugin = samplerPlugins.find((p) => p.name === name)!;
  const sampler = plugin.create({}, { space: SPACE, goal: 'minimize', goals: ['minimize', 'minimize'], seed });
  const history: SamplerTrial[] = [];
  const values: number[][] = [];
  for (let id = 0; id < TRIALS; id++) {
    const params: Params = sampler.suggest({ trialId: id, rng: Rng.derive('bench', seed, id), history })!;
    const objectives = zdt1(range(VARIABLES).map((j) => params[`x${j}`] as number));
    values.push(objectives);
    history.push({ id, params, state: 'completed', objective: objectives[0], objectives, lastStep: null });
  }
  return values;
}

interface OptunaValues {
  version: string;
  values: number[][][];
}

/** Optuna on seeds 0…SEEDS−1, split over one process per core; a string says why it could not run. */
async function optunaValues(): Promise<OptunaValues | string> {
  const chunk = Math.ceil(SEEDS / availableParallelism());
  const starts = range(Math.ceil(SEEDS / chunk)).map((i) => i * chunk);
  const parts = await Promise.all(
    starts.map(async (first) => {
      const seeds = String(Math.min(chunk, SEEDS - first));
      const args = [SCRIPT, '--multi-objective', '--seeds', seeds, '--first-seed', String(first), '--trials', String(TRIALS)];
      const run = await execa('/usr/bin/python3', args, { reject: false });
      if (run.exitCode === 0) return JSON.parse(run.stdout) as OptunaValues & { check: number[] };
      if (run.exitCode === 3)
        return `/usr/bin/python3 cannot import optuna (${JSON.parse(run.stdout).error}; apt-get install python3-optuna)`;
      return run.stderr.split('\n').filter(Boolean).at(-1) ?? `python3 exited with ${run.exitCode}`;
    }),
  );
  const failed = parts.find((part): part is string => typeof part === 'string');
  if (failed) return failed;
  const results = parts as Array<OptunaValues & { check: number[] }>;
  const ours = zdt1(CHECK);
  if (results[0].check.some((v, k) => Math.abs(v - ours[k]) > 1e-9 * Math.max(1, Math.abs(ours[k])))) {
    return `ZDT1 differs between bench/samplers-multi-objective.ts (${ours}) and bench/optuna_samplers.py (${results[0].check})`;
  }
  return { version: results[0].version, values: results.flatMap((r) => r.values) };
}

const frontVolume = (values: number[][]) => hypervolume(values, REFERENCE);
const fmt = (x: number) => x.toFixed(3);
const summary = (volumes: number[]) => {
  const sorted = [...volumes].sort((a, b) => a - b);
  return `${fmt(quantile(sorted, 0.5))} [${fmt(quantile(sorted, 0.25))}, ${fmt(quantile(sorted, 0.75))}]`;
};
/** Hypervolume is better higher: the rank test is run on its negation. */
const higher = (a: number[], b: number[]) => {
  const { share, p } = rankTest(
    a.map((v) => -v),
    b.map((v) => -v),
  );
  return `${(100 * share).toFixed(0)} %, p = ${p.toFixed(2)}`;
};

const pending = optunaValues();
const tpe = range(SEEDS).map((seed) => frontVolume(ourValues('tpe', seed)));
const random = range(SEEDS).map((seed) => frontVolume(ourValues('random', seed)));
const optuna = await pending;
if (typeof optuna === 'string') {
  bench.notRun(`Optuna could not run: ${optuna}.`);
} else {
  const theirs = optuna.values.map(frontVolume);
  const best = frontVolume(range(1001).map((i) => zdt1([i / 1000, ...range(VARIABLES - 1).map(() => 0)])));
  bench.finish({
    method:
      `Quality only: ZDT1 with ${VARIABLES} variables (two objectives, both minimised), ${TRIALS} sequential trials, ` +
      `seeds 0–${SEEDS - 1} on every side, computed once (all are seeded: another run gives the same values). ` +
      `The figure is the hypervolume of all ${TRIALS} trials' values below the reference point (${REFERENCE.join(', ')}) ` +
      `(higher is better; the true front reaches ${fmt(best)}), median [quartiles] over the seeds. ` +
      `tpe and random are sweeptop's samplers with their defaults; Optuna ${optuna.version}'s TPESampler with its defaults, seeded.`,
    figures: [],
    notes: [
      renderResultTable(
        [
          'problem',
          'seeds',
          'tpe',
          'random',
          `Optuna ${optuna.version} TPE`,
          'tpe higher than random in (seed pairs), p',
          'tpe higher than Optuna in, p',
        ],
        [[`ZDT1, ${VARIABLES} variables`, SEEDS, summary(tpe), summary(random), summary(theirs), higher(tpe, random), higher(tpe, theirs)]],
      ),
      'The p-values are two-sided Mann–Whitney tests over the seeds.',
    ],
  });
}
