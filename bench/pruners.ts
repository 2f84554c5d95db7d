/**
 * Pruner benchmark: the cost of one decision with 10,000 trials × 100 steps recorded, for median
 * and asha, beside a naive scan of all trials measured in the same run on the same reports (and
 * checked to decide the same); then the end-to-end replay of that history; then, when
 * /usr/bin/python3 can import optuna, how often a sequential replay agrees with Optuna's pruners.
 * Per-decision figures are medians of single timed decisions (robust on a shared machine), with
 * the wall-clock mean and the process's CPU time per report beside them.
 *
 *   npx tsx bench/pruners.ts           10,000 trials × 100 steps
 *   npx tsx bench/pruners.ts --quick   1,000 trials × 100 steps
 */
import { execa } from 'execa';
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
import { Rng } from '../src/plugin-api/rng.js';

const QUICK = process.argv.includes('--quick');
const TRIALS = QUICK ? 1_000 : 10_000;
const STEPS = 100;
const PROBES = QUICK ? 200 : 1_000;
const GOAL_US = 50;
const context = { metricName: 'val_loss', goal: 'minimize' as const };

// Collect garbage before each timed phase, so that a phase does not pay for the garbage of the
// one before it (restoring 10⁶ reports leaves plenty).
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Loss-like curves: a floor, a decaying part and noise; one in 200 values NaN. */
function makeCurves(seed: string, trials: number, steps: number): number[][] {
  const rng = new Rng(seed);
  return Array.from({ length: trials }, () => {
    const floor = rng.uniform(0.1, 1);
    const scale = rng.uniform(0.5, 3);
    return Array.from({ length: steps }, (_, step) =>
      rng.next() < 0.005 ? NaN : floor + scale / (step + 1) + rng.uniform(-0.02, 0.02),
    );
  });
}

const microseconds = (startNs: bigint, count: number) => Number(process.hrtime.bigint() - startNs) / 1e3 / Math.max(count, 1);
const fmt = (us: number) => (us < 10 ? us.toFixed(2) : us.toFixed(1));

/**
 * Durations of single decisions, in µs. The median is the figure compared: on a shared machine
 * the mean also carries other processes' time slices and GC pauses, so both are printed.
 */
class Samples {
  private readonly values: number[] = [];
  time<T>(work: () => T): T {
    const before = process.hrtime.bigint();
    const result = work();
    this.values.push(Number(process.hrtime.bigint() - before) / 1e3);
    return result;
  }
  get count(): number {
    return this.values.length;
  }
  get mean(): number {
    return this.values.reduce((a, b) => a + b, 0) / Math.max(this.values.length, 1);
  }
  get median(): number {
    const sorted = [...this.values].sort((a, b) => a - b);
    return sorted.length === 0 ? NaN : sorted[sorted.length >> 1];
  }
}

interface Measured {
  /** Reports where the pruner compares the trial with others (every one for median, rung crossings for asha). */
  judged: Samples;
  /** Every report. */
  all: Samples;
  prunedAt: Array<number | null>;
}

/** Decisions through the PruningStudy, each report timed. */
function measureStudy(spec: PrunerSpec, history: number[][], probes: number[][], isJudged: (step: number) => boolean) {
  const study = createPruningStudy(createPruner(spec, context), context);
  let start = process.hrtime.bigint();
  study.restore(history.map((values, id) => ({
    id, state: 'completed', promoted: false, reports: values.map((value, step) => ({ step, value })),
  })));
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

/** Median by a scan of every completed trial at the step, then quickselect (Optuna's way). */
function naiveMedian(history: number[][], probes: number[][]): Measured {
  const select = (values: number[], k: number): number => {
    let [low, high] = [0, values.length - 1];
    while (low < high) {
      const pivot = values[(low + high) >> 1];
      let [i, j] = [low, high];
      while (i <= j) {
        while (values[i] < pivot) i++;
        while (values[j] > pivot) j--;
        if (i <= j) [values[i], values[j], i, j] = [values[j], values[i], i + 1, j - 1];
      }
      if (k <= j) high = j;
      else if (k >= i) low = i;
      else return values[k];
    }
    return values[k];
  };
  const measured: Measured = { judged: new Samples(), all: new Samples(), prunedAt: [] };
  for (const values of probes) {
    let best = NaN;
    let at: number | null = null;
    for (let step = 0; step < values.length && at === null; step++) {
      if (!Number.isNaN(values[step]) && !(values[step] >= best)) best = values[step];
      const prune = measured.judged.time(() => {
        if (history.length < 5) return false; // n_startup_trials
        if (Number.isNaN(best)) return true;
        const reference: number[] = [];
        for (const curve of history) if (!Number.isNaN(curve[step])) reference.push(curve[step]);
        const position = (reference.length - 1) / 2;
        const low = select(reference, Math.floor(position));
        const median = position % 1 === 0 ? low : low + (select(reference, Math.ceil(position)) - low) / 2;
        return best > median;
      });
      if (prune) at = step;
    }
    measured.prunedAt.push(at);
  }
  return measured;
}

/** ASHA (min_resource 1, η 4) by a scan of every trial's value at the rung per decision. */
function naiveAsha(history: number[][], probes: number[][]): Measured {
  const curves: number[][] = history.map((values) => values.slice());
  const measured: Measured = { judged: new Samples(), all: new Samples(), prunedAt: [] };
  for (const values of probes) {
    const curve: number[] = [];
    curves.push(curve);
    let at: number | null = null;
    for (let step = 0; step < values.length && at === null; step++) {
      curve.push(values[step]);
      if (![1, 4, 16, 64].includes(step)) continue;
      const value = values[step];
      const prune = measured.judged.time(() => {
        if (Number.isNaN(value)) return true;
        let n = 0;
        let better = 0;
        for (const other of curves) {
          const v = other.length > step ? other[step] : NaN;
          if (Number.isNaN(v)) continue;
          n++;
          if (v < value) better++;
        }
        return better >= Math.max(Math.floor(n / 4), 1);
      });
      if (prune) at = step;
    }
    measured.prunedAt.push(at);
  }
  return measured;
}

function compareDecisions(
  name: string,
  spec: PrunerSpec,
  naive: typeof naiveMedian,
  isJudged: (step: number) => boolean,
  history: number[][],
  probes: number[][],
) {
  collectGarbage();
  const ours = measureStudy(spec, history, probes, isJudged);
  collectGarbage();
  const baseline = naive(history, probes);
  const disagree = ours.prunedAt.filter((at, i) => at !== baseline.prunedAt[i]).length;
  const verdict = ours.judged.median < GOAL_US ? 'ok' : 'OVER';
  const others = ours.all.count === 0 ? '' : `; other reports: median ${fmt(ours.all.median)} µs`;
  console.log(
    `${name.padEnd(7)} per decision: median ${fmt(ours.judged.median)} µs, mean ${fmt(ours.judged.mean)} µs ` +
      `over ${ours.judged.count} decisions (goal < ${GOAL_US} µs: ${verdict})${others}`,
  );
  console.log(
    `        naive scan: median ${fmt(baseline.judged.median)} µs, mean ${fmt(baseline.judged.mean)} µs → ` +
      `${(baseline.judged.median / ours.judged.median).toFixed(0)}× ours (medians); decisions differing: ${disagree}`,
  );
  console.log(
    `        process CPU time per report (all reports, GC threads included): ${fmt(ours.cpuPerReport)} µs; restore ${ours.restoreMs.toFixed(0)} ms, ` +
      `first decision (builds indices) ${ours.buildMs.toFixed(1)} ms`,
  );
}

async function replayEndToEnd(history: number[][]) {
  const curves: ReplayCurve[] = history.map((values, id) => ({
    id: String(id), points: values.map((value, step) => ({ step, value })), endState: 'completed',
  }));
  const dir = await mkdtemp(join(tmpdir(), 'sweeptop-bench-'));
  const file = join(dir, 'curves.json');
  const encode = (v: number) => (Number.isNaN(v) ? 'nan' : v);
  await writeFile(file, JSON.stringify({
    metric: 'val_loss', goal: 'minimize',
    trials: history.map((values, id) => ({ id: String(id), values: Object.fromEntries(values.map((v, s) => [s, encode(v)])) })),
  }));
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  try {
    for (const spec of [{ type: 'median' }, { type: 'asha', min_resource: 1 }] as PrunerSpec[]) {
      for (const concurrency of [1, 8]) {
        let start = process.hrtime.bigint();
        const { summary } = replay(curves, createPruner(spec, context), { ...context, concurrency });
        const inMemory = microseconds(start, 1) / 1e6;
        start = process.hrtime.bigint();
        const set = Object.entries(spec).filter(([k]) => k !== 'type').flatMap(([k, v]) => ['--set', `${k}=${v}`]);
        await runReplay([file, '--pruner', spec.type, ...set, '--concurrency', String(concurrency), '--json'], { stdout: discard, stderr: process.stderr });
        const cli = microseconds(start, 1) / 1e6;
        console.log(
          `replay  ${spec.type.padEnd(6)} concurrency ${concurrency}: ${inMemory.toFixed(2)} s in memory, ${cli.toFixed(2)} s ` +
            `from the file (${summary.stepsRun} of ${summary.stepsFull} reports run, saved ${(summary.savedFraction * 100).toFixed(1)}%)`,
        );
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function main() {
  console.log(`pruner bench: ${TRIALS} trials × ${STEPS} steps recorded, ${PROBES} new trials judged${QUICK ? ' (quick)' : ''}`);
  const history = makeCurves('history', TRIALS, STEPS);
  const probes = makeCurves('probes', PROBES, STEPS);
  compareDecisions('median', { type: 'median' }, naiveMedian, () => true, history, probes);
  const rungs = new Set([1, 4, 16, 64]); // min_resource 1, η 4
  compareDecisions('asha', { type: 'asha', min_resource: 1 }, naiveAsha, (step) => rungs.has(step), history, probes);
  await replayEndToEnd(history);
  await agreementWithOptuna();
}

// --- agreement with Optuna -------------------------------------------------------------------

const OPTUNA_SCRIPT = String.raw`
import json, math, sys, warnings
warnings.filterwarnings("ignore")
import optuna
from optuna.trial import TrialState
optuna.logging.set_verbosity(optuna.logging.ERROR)
P = optuna.pruners
def make(spec):
    kind, o = spec["type"], {k: v for k, v in spec.items() if k not in ("type", "study_name")}
    if kind == "median": return P.MedianPruner(**o)
    if kind == "percentile": return P.PercentilePruner(**o)
    if kind == "asha": return P.SuccessiveHalvingPruner(**o)
    if kind == "hyperband": return P.HyperbandPruner(**o)
    if kind == "threshold": return P.ThresholdPruner(**o)
    if kind == "patient": return P.PatientPruner(make(o.pop("wrapped")) if "wrapped" in o else None, **o)
cases = json.load(sys.stdin)
out = []
for case in cases:
    study = optuna.create_study(direction=case["goal"], pruner=make(case["spec"]), study_name="replay")
    result = []
    for values in case["curves"]:
        trial, at = study.ask(), None
        for step, value in enumerate(values):
            trial.report(float("nan") if value is None else value, step)
            if trial.should_prune():
                at = step
                break
        study.tell(trial, state=TrialState.PRUNED) if at is not None else study.tell(trial, values[-1])
        result.append(at)
    out.append(result)
print(json.dumps({"version": optuna.__version__, "results": out}))
`;

async function agreementWithOptuna() {
  const specs: PrunerSpec[] = [
    { type: 'median', n_startup_trials: 3, n_warmup_steps: 2, interval_steps: 3 },
    { type: 'percentile', percentile: 30, n_startup_trials: 2, n_min_trials: 2 },
    { type: 'asha', min_resource: 1, reduction_factor: 3 },
    { type: 'asha', min_resource: 2, reduction_factor: 2, min_early_stopping_rate: 1, bootstrap_count: 2 },
    { type: 'asha' },
    { type: 'hyperband', min_resource: 1, max_resource: 30, reduction_factor: 3, study_name: 'replay' },
    { type: 'hyperband', study_name: 'replay' },
    { type: 'threshold', lower: 0.2, upper: 2.5, n_warmup_steps: 1 },
    { type: 'patient', patience: 2, min_delta: 0.01 },
    { type: 'patient', patience: 1, wrapped: { type: 'median', n_startup_trials: 2 } },
  ];
  const rng = new Rng('optuna-agreement');
  const cases = specs.flatMap((spec) =>
    ['minimize', 'maximize'].flatMap((goal) =>
      Array.from({ length: QUICK ? 2 : 6 }, () => {
        // 30 trials of 10–30 steps; the last value is never NaN (Optuna fails such trials).
        const curves = makeCurves(`optuna-${rng.next()}`, 30, 30).map((values) => {
          const cut = values.slice(0, rng.int(10, 30));
          cut[cut.length - 1] = Number.isNaN(cut.at(-1)) ? 1 : (cut.at(-1) as number);
          return cut;
        });
        return { spec, goal: goal as 'minimize' | 'maximize', curves };
      }),
    ),
  );
  let output: { version: string; results: Array<Array<number | null>> };
  try {
    const input = JSON.stringify(cases.map((c) => ({ ...c, curves: c.curves.map((v) => v.map((x) => (Number.isNaN(x) ? null : x))) })));
    const { stdout } = await execa('/usr/bin/python3', ['-c', OPTUNA_SCRIPT], { input });
    output = JSON.parse(stdout);
  } catch {
    console.log('optuna  skipped: /usr/bin/python3 cannot import optuna (apt-get install python3-optuna)');
    return;
  }
  const byType = new Map<string, { same: number; total: number }>();
  cases.forEach((c, index) => {
    const ours = replay(
      c.curves.map((values, id) => ({ id: String(id), points: values.map((value, step) => ({ step, value })), endState: 'completed' })),
      createPruner(c.spec, { metricName: 'm', goal: c.goal }),
      { metricName: 'm', goal: c.goal, concurrency: 1 },
    ).trials.map((t) => t.prunedAtStep);
    const key = JSON.stringify(c.spec);
    const tally = byType.get(key) ?? { same: 0, total: 0 };
    ours.forEach((at, i) => {
      tally.total++;
      if (at === output.results[index][i]) tally.same++;
    });
    byType.set(key, tally);
  });
  console.log(`optuna  ${output.version}, sequential replay, trials whose pruning step agrees:`);
  for (const [key, { same, total }] of byType) console.log(`        ${same}/${total}  ${key}`);
}

await main();
