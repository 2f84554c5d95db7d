/**
 * Pruner benchmark: the cost of one decision with 10,000 trials × 100 steps recorded, for median
 * and asha, beside a naive scan of all trials (bench/pruners/naive.ts) on the same reports, checked
 * to decide the same; then the end-to-end replay of that history, in memory and from a curves file
 * through `sweeptop replay`; then, when /usr/bin/python3 can import optuna, how often a sequential
 * replay agrees with Optuna's pruners. Per-decision figures are medians of single timed decisions
 * (robust on a shared machine), with the process's CPU time per report beside them. Each measure
 * takes its turn once per run.
 *
 *   npx tsx bench/pruners.ts           10,000 trials × 100 steps
 *   npx tsx bench/pruners.ts --quick   1,000 trials × 100 steps
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createPruner } from '../plugins/registry.js';
import type { PrunerSpec } from '../src/plugin-api/pruner.js';
import { runReplay } from '../src/cli/commands/replay.js';
import { replay, type ReplayCurve } from '../src/engine/pruning/replay.js';
import { createPruningStudy } from '../src/engine/pruning/study.js';
import { interleave, pick } from './lib/interleave.js';
import type { Figure } from './lib/figures.js';
import { Bench } from './lib/record.js';
import { renderResultTable } from './lib/render.js';
import { makeCurves } from './pruners/curves.js';
import { naiveAsha, naiveMedian } from './pruners/naive.js';
import { agreementWithOptuna } from './pruners/optuna-agreement.js';
import { Samples, type Measured } from './pruners/samples.js';

const bench = new Bench('pruners');
const QUICK = bench.options.quick;
const TRIALS = QUICK ? 1_000 : 10_000;
const STEPS = 100;
const PROBES = QUICK ? 200 : 1_000;
const GOAL_US = 50;
const context = { metricName: 'val_loss', goal: 'minimize' as const };
const ASHA_RUNGS = new Set([1, 4, 16, 64]); // min_resource 1, η 4
const SPECS = { median: { type: 'median' }, asha: { type: 'asha', min_resource: 1 } } satisfies Record<string, PrunerSpec>;
const judgedBy = { median: () => true, asha: (step: number) => ASHA_RUNGS.has(step) };

// Collect garbage before each timed phase, so that a phase does not pay for the garbage of the
// one before it (restoring 10⁶ reports leaves plenty).
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const microseconds = (startNs: bigint, count: number) => Number(process.hrtime.bigint() - startNs) / 1e3 / Math.max(count, 1);

/** Decisions through the PruningStudy, each report timed. */
function measureStudy(spec: PrunerSpec, history: number[][], probes: number[][], isJudged: (step: number) => boolean) {
  const study = createPruningStudy(createPruner(spec, context), context);
  let start = process.hrtime.bigint();
  study.restore(
    history.map((values, id) => ({
      id,
      state: 'completed',
      promoted: false,
      reports: values.map((value, step) => ({ step, value })),
    })),
  );
  const restoreMs = microseconds(start, 1) / 1e3;
  // The first decisions build the lazy indices: timed apart. One excellent report at the last
  // step reaches every rung at once, so asha builds all of them too.
  start = process.hrtime.bigint();
  study.addTrial(-1);
  study.report(-1, STEPS - 1, -1e9);
  study.addTrial(-1); // a re-run clears its report from the indices again
  const buildMs = microseconds(start, 1) / 1e3;
  collectGarbage();

  const measured: Measured = { judged: new Samples(), all: new Samples(), prunedAt: [] };
  // CPU time of the whole phase (every report): a mean that other processes cannot inflate.
  const cpuBefore = process.cpuUsage();
  probes.forEach((values, index) => {
    const id = history.length + index;
    study.addTrial(id);
    let at: number | null = null;
    for (let step = 0; step < values.length && at === null; step++) {
      const samples = isJudged(step) ? measured.judged : measured.all;
      if (samples.time(() => study.report(id, step, values[step])).action === 'prune') at = step;
    }
    measured.prunedAt.push(at);
  });
  const cpu = process.cpuUsage(cpuBefore);
  const cpuPerReport = (cpu.user + cpu.system) / (measured.judged.count + measured.all.count);
  return { ...measured, restoreMs, buildMs, cpuPerReport };
}

/** The two sides of one pruner's per-decision figure, each after a garbage collection. */
function ours(name: keyof typeof SPECS, history: number[][], probes: number[][]) {
  collectGarbage();
  const measured = measureStudy(SPECS[name], history, probes, judgedBy[name]);
  return {
    medianUs: measured.judged.median,
    otherUs: measured.all.median,
    cpuPerReportUs: measured.cpuPerReport,
    restoreMs: measured.restoreMs,
    buildMs: measured.buildMs,
  };
}

function naive(name: keyof typeof SPECS, history: number[][], probes: number[][]) {
  collectGarbage();
  return { medianUs: (name === 'median' ? naiveMedian : naiveAsha)(history, probes).judged.median };
}

/** Decisions where sweeptop's pruner and the naive scan differ: must be none for the figures to compare like with like. */
function disagreements(name: keyof typeof SPECS, history: number[][], probes: number[][]): number {
  const mine = measureStudy(SPECS[name], history, probes, judgedBy[name]).prunedAt;
  const theirs = (name === 'median' ? naiveMedian : naiveAsha)(history, probes).prunedAt;
  return mine.filter((at, i) => at !== theirs[i]).length;
}

const REPLAYS = [
  ['median', 1],
  ['median', 8],
  ['asha', 1],
  ['asha', 8],
] as const;

/** The whole history replayed through each pruner, in memory and from a curves file (the CLI path). */
async function replayEndToEnd(history: number[][], file: string) {
  const curves: ReplayCurve[] = history.map((values, id) => ({
    id: String(id),
    points: values.map((value, step) => ({ step, value })),
    endState: 'completed',
  }));
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  const seconds: Record<string, number> = {};
  const saved: Record<string, number> = {};
  for (const [name, concurrency] of REPLAYS) {
    const spec: PrunerSpec = SPECS[name];
    let start = process.hrtime.bigint();
    const { summary } = replay(curves, createPruner(spec, context), { ...context, concurrency });
    seconds[`${name}${concurrency}Memory`] = microseconds(start, 1) / 1e6;
    saved[`${name}${concurrency}`] = summary.savedFraction;
    start = process.hrtime.bigint();
    const set = Object.entries(spec)
      .filter(([k]) => k !== 'type')
      .flatMap(([k, v]) => ['--set', `${k}=${v}`]);
    await runReplay([file, '--pruner', spec.type, ...set, '--concurrency', String(concurrency), '--json'], {
      stdout: discard,
      stderr: process.stderr,
    });
    seconds[`${name}${concurrency}File`] = microseconds(start, 1) / 1e6;
  }
  return { seconds, saved };
}

async function writeCurvesFile(history: number[][]): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'sweeptop-bench-'));
  const file = join(dir, 'curves.json');
  const encode = (v: number) => (Number.isNaN(v) ? 'nan' : v);
  await writeFile(
    file,
    JSON.stringify({
      metric: 'val_loss',
      goal: 'minimize',
      trials: history.map((values, id) => ({ id: String(id), values: Object.fromEntries(values.map((v, s) => [s, encode(v)])) })),
    }),
  );
  return { dir, file };
}

async function main() {
  const history = makeCurves('history', TRIALS, STEPS);
  const probes = makeCurves('probes', PROBES, STEPS);
  // also the warm-up: the first pass through each compiles the code the timed runs use
  const differing = { median: disagreements('median', history, probes), asha: disagreements('asha', history, probes) };
  const { dir, file } = await writeCurvesFile(history);
  let saved: Record<string, number> = {};
  try {
    const runs = await interleave(bench.options.runs, {
      medianNaive: () => naive('median', history, probes),
      median: () => ours('median', history, probes),
      ashaNaive: () => naive('asha', history, probes),
      asha: () => ours('asha', history, probes),
      replay: async () => {
        const result = await replayEndToEnd(history, file);
        saved = result.saved;
        return result.seconds;
      },
    });
    const agreement = await agreementWithOptuna(QUICK ? 2 : 6);
    bench.finish({
      method:
        `${TRIALS.toLocaleString('en')} trials × ${STEPS} steps recorded; one run judges ${PROBES.toLocaleString('en')} new trials ` +
        'through each pruner and through its naive scan (each decision timed alone), then replays the whole history four ways. They take turns, run by run.',
      figures: [...decisionFigures(runs), ...replayFigures(runs.replay)],
      notes: [
        `Decisions differing between each pruner and its naive scan: median ${differing.median}, asha ${differing.asha}. ` +
          `Reports the replays did not need to run: ${REPLAYS.map(([n, c]) => `${n} at concurrency ${c} ${(100 * saved[`${n}${c}`]).toFixed(1)} %`).join(', ')}.`,
        ...agreementNotes(agreement),
      ],
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

type Runs = { [K in 'median' | 'asha']: Array<ReturnType<typeof ours>> } & {
  [K in 'medianNaive' | 'ashaNaive']: Array<ReturnType<typeof naive>>;
};

function decisionFigures(runs: Runs): Figure[] {
  return (['median', 'asha'] as const).flatMap((name): Figure[] => [
    {
      label: `${name}: one decision (median over decisions)`,
      unit: 'µs',
      values: pick(runs[name], 'medianUs'),
      baseline: { label: 'naive scan', values: pick(runs[`${name}Naive`], 'medianUs') },
      goal: { of: 'value', op: '<', limit: GOAL_US },
    },
    { label: `${name}: process CPU time per report, GC included`, unit: 'µs', values: pick(runs[name], 'cpuPerReportUs') },
    { label: `${name}: restore of the history`, unit: 'ms', values: pick(runs[name], 'restoreMs') },
    { label: `${name}: first decision (builds the indices)`, unit: 'ms', values: pick(runs[name], 'buildMs') },
  ]);
}

function replayFigures(runs: Array<Record<string, number>>): Figure[] {
  return REPLAYS.flatMap(([name, concurrency]): Figure[] => [
    { label: `replay, ${name}, concurrency ${concurrency}: in memory`, unit: 's', values: pick(runs, `${name}${concurrency}Memory`) },
    {
      label: `replay, ${name}, concurrency ${concurrency}: \`sweeptop replay\` from the file`,
      unit: 's',
      values: pick(runs, `${name}${concurrency}File`),
    },
  ]);
}

function agreementNotes(agreement: Awaited<ReturnType<typeof agreementWithOptuna>>): string[] {
  if (typeof agreement === 'string') return [`Agreement with Optuna not measured: ${agreement}.`];
  return [
    `Agreement with Optuna ${agreement.version}'s pruners, computed once (seeded curves, exact on both sides): trials pruned at the same step, ` +
      'in a sequential replay of 30 trials of 10–30 steps per case, minimize and maximize.',
    renderResultTable(
      ['pruner', 'same step as Optuna'],
      agreement.rows.map((r) => [`\`${r.spec}\``, `${r.same} of ${r.total}`]),
    ),
  ];
}

await main();
