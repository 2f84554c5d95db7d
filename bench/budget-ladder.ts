/**
 * The cost of one scheduling pass of a budget sweep at 10,000 trials: a live sweep asks the
 * promotion rules (decidePromotions, src/engine/budget/promotion.ts) over all its trials whenever a
 * slot is free (TrialRuns.next), so a pass must stay cheap as the sweep grows. The ladders are
 * built in the state a live sweep is in (bench/budget-ladder/ladder-state.ts): asha with one
 * promotion due, hyperband with its full brackets decided and the last one filling; 4 levels,
 * η 3, trials may still start. CPU time is the figure to read on a busy machine: wall time there
 * also counts the time other processes held the core. `--quick` times fewer passes.
 *
 * Not included: turning the sweep's trials into the rules' input (sweep/budget-ladder.ts), a walk
 * over each trial's runs, measured only as part of the sweeps of the scheduler benchmark.
 */
import { performance } from 'node:perf_hooks';
import { budgetLevels } from '../src/engine/budget/levels.js';
import { decidePromotions, type LadderSettings, type LadderTrial } from '../src/engine/budget/promotion.js';
import { ashaLadder, hyperbandLadder } from './budget-ladder/ladder-state.js';
import { interleave, pick } from './lib/interleave.js';
import { Bench } from './lib/record.js';
import { percentile } from './lib/stats.js';

const bench = new Bench('budget-ladder');
const TRIALS = 10_000;
const PASSES = bench.options.quick ? 10 : 50;
const ETA = 3;
const RUNNING = 8;
const levels = budgetLevels({ min: 1 / 27, max: 1, reductionFactor: ETA, integer: false });
const settings = (schedule: LadderSettings['schedule']): LadderSettings => ({
  levels,
  reductionFactor: ETA,
  goal: 'minimize',
  schedule,
  closed: false,
});

const asha = ashaLadder(TRIALS, levels.length, ETA, RUNNING);
const hyperband = hyperbandLadder(TRIALS, levels, ETA);

/** `PASSES` passes over the same ladder: their median CPU and wall time, ms. */
function passes(trials: readonly LadderTrial[], s: LadderSettings) {
  const cpu: number[] = [];
  const wall: number[] = [];
  let promoted = 0;
  for (let i = 0; i < PASSES; i++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    promoted = decidePromotions(trials, s).promote.length;
    wall.push(performance.now() - t0);
    const used = process.cpuUsage(cpu0);
    cpu.push((used.user + used.system) / 1000);
  }
  cpu.sort((a, b) => a - b);
  wall.sort((a, b) => a - b);
  return { cpu: percentile(cpu, 50), wall: percentile(wall, 50), promoted };
}

const runs = await interleave(bench.options.runs, {
  asha: () => passes(asha, settings('asha')),
  hyperband: () => passes(hyperband, settings('hyperband')),
});
const due = runs.asha[0].promoted;
if (due !== 1) throw new Error(`the asha ladder should have one promotion due, not ${due}`);

bench.finish({
  method: `One run: ${PASSES} passes over a ladder of ${TRIALS.toLocaleString('en')} trials under asha (one promotion due, ${RUNNING} running), then ${PASSES} under hyperband (the last bracket filling); the median pass of each.`,
  figures: [
    { label: 'asha, 10,000 trials: one pass, CPU', unit: 'ms', values: pick(runs.asha, 'cpu'), goal: { of: 'value', op: '<', limit: 5 } },
    { label: 'asha, 10,000 trials: one pass, wall time', unit: 'ms', values: pick(runs.asha, 'wall') },
    {
      label: 'hyperband, 10,000 trials: one pass, CPU',
      unit: 'ms',
      values: pick(runs.hyperband, 'cpu'),
      goal: { of: 'value', op: '<', limit: 5 },
    },
    { label: 'hyperband, 10,000 trials: one pass, wall time', unit: 'ms', values: pick(runs.hyperband, 'wall') },
  ],
});
