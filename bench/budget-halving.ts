/**
 * Successive halving by relaunch, on recorded scores (bench/data/budget-scores.csv, written by
 * bench/record-budget-table.py from the real fixtures/sklearn_budget.py at 1/27, 1/9, 1/3 and all of
 * the data): budget sweeps of every recorded configuration in seeded shuffled orders, replayed on
 * simulated workers with the engine's own promotion rules (asha and hyperband), beside random
 * search at the full budget. Results, not timings: computed once, the same on every run.
 *
 *   npx tsx bench/budget-halving.ts           50 orders
 *   npx tsx bench/budget-halving.ts --quick   5 orders
 */
import { budgetLevels } from '../src/engine/budget/levels.js';
import { readBudgetTable } from './budget-halving/table.js';
import { randomSearchWithCompute, type SweepOutcome, simulateBudgetSweep } from './budget-halving/simulate.js';
import { shuffledOrders } from './fold-pruning/simulate.js';
import { Bench } from './lib/record.js';
import { renderResultTable } from './lib/render.js';
import { median } from './lib/stats.js';

const bench = new Bench('budget-halving');
const ORDERS = bench.options.quick ? 5 : 50;
const WORKERS = 4;
const REDUCTION_FACTOR = 3;
const SEED = 'budget-halving';
/** Within 1 % of the full-budget best, in all orders, with at most 40 % of its compute. */
const GOAL_GAP = 0.01;
const GOAL_COMPUTE = 0.4;
const SMALL_SWEEP = 81;

const levels = budgetLevels({ min: 1 / 27, max: 1, reductionFactor: REDUCTION_FACTOR, integer: false });
const table = readBudgetTable(new URL('data/budget-scores.csv', import.meta.url).pathname, levels);
const top = levels.length - 1;
const fullScore = (config: number) => table.scores[config][top];
const bestOf = (configs: readonly number[]) => Math.max(...configs.map(fullScore));
const near = (value: number, best: number) => value >= best * (1 - GOAL_GAP);

const percent = (fraction: number) => `${(100 * fraction).toFixed(1)} %`;
const spread = (values: number[], show: (v: number) => string) =>
  `${show(Math.min(...values))} / ${show(median(values))} / ${show(Math.max(...values))}`;
const tick = (met: boolean) => (met ? '✔' : '✘');

interface Row {
  schedule: 'asha' | 'hyperband';
  gap: number[];
  near: number;
  compute: number[];
  wall: number[];
  randomGap: number[];
  randomNear: number;
  ratio: number[];
  /** Place of the sweep's best among the sweep's configurations at full budget (1 = a best one). */
  rank: number[];
}

/** Sweeps of the first `size` configurations of each order. */
function sweeps(orders: number[][], size: number, schedule: 'asha' | 'hyperband'): Row {
  const row: Row = { schedule, gap: [], near: 0, compute: [], wall: [], randomGap: [], randomNear: 0, ratio: [], rank: [] };
  for (const fullOrder of orders) {
    const order = fullOrder.slice(0, size);
    const outcome: SweepOutcome = simulateBudgetSweep(table, { schedule, reductionFactor: REDUCTION_FACTOR, workers: WORKERS, order });
    const fullBest = bestOf(order);
    const random = randomSearchWithCompute(table, order, outcome.compute);
    row.gap.push(1 - outcome.best / fullBest);
    row.near += near(outcome.best, fullBest) ? 1 : 0;
    row.compute.push(outcome.compute / (order.length * levels[top]));
    // random search at full budget over the same configurations on the same workers
    row.wall.push(outcome.wallTime / (Math.ceil(order.length / WORKERS) * levels[top]));
    row.randomGap.push(1 - random.best / fullBest);
    row.randomNear += near(random.best, fullBest) ? 1 : 0;
    row.ratio.push(outcome.best / random.best);
    row.rank.push(1 + order.filter((config) => fullScore(config) > outcome.best).length);
  }
  return row;
}

const orders = shuffledOrders(table.scores.length, ORDERS, SEED);
const all = table.scores.map((_, i) => i);
const best = bestOf(all);
const nearShare = all.filter((config) => near(fullScore(config), best)).length / all.length;
const sizes = [table.scores.length, SMALL_SWEEP];
const results = sizes.flatMap((size) =>
  (['asha', 'hyperband'] as const).map((schedule) => ({ size, row: sweeps(orders, size, schedule) })),
);
const gapText = (v: number) => percent(v);
const ratioText = (v: number) => `${v.toFixed(4)}×`;

bench.finish({
  method:
    `Data: ${table.provenance[0]}; ${table.provenance[1]}. Levels ${levels.map((l) => l.toPrecision(3)).join(', ')} ` +
    `(budgetLevels of min 1/27, max 1, η ${REDUCTION_FACTOR}). The full-budget best of all ${all.length} configurations is ${best}; ` +
    `${percent(nearShare)} of them score within 1 % of it. A sweep samples the configurations in a seeded shuffled order, ${ORDERS} orders, ` +
    `and runs them on ${WORKERS} simulated workers, a run at a level taking as long as its budget; whenever a worker is free the engine's ` +
    'decidePromotions (and hyperbandBracket) choose what runs next, as in a live sweep. Compute is the sum of the budgets run, as a share of ' +
    'running every configuration of the sweep at the full budget; wall time is the simulated time to the last run, as a share of that random ' +
    'search on the same workers. Beside each sweep, random search at the full budget over the same order with the compute the sweep used. ' +
    'Results, not timings: computed once, the same on every run.',
  figures: [],
  notes: [
    renderResultTable(
      [
        'sweep',
        'best vs full-budget best: shortfall min / median / max',
        'within 1 %',
        'compute vs full budget: min / median / max',
        'goal',
      ],
      results.map(({ size, row }) => [
        `${row.schedule}, ${size} trials`,
        spread(row.gap, gapText),
        `${row.near} of ${ORDERS}`,
        spread(row.compute, percent),
        `within 1 % in all: ${tick(row.near === ORDERS)}; compute ≤ ${percent(GOAL_COMPUTE)}: ${tick(Math.max(...row.compute) <= GOAL_COMPUTE)}`,
      ]),
    ),
    'Where the best each sweep reached stands among its configurations at the full budget (1: no configuration of the sweep scores higher):',
    renderResultTable(
      ['sweep', 'place of its best: min / median / max'],
      results.map(({ size, row }) => [`${row.schedule}, ${size} trials`, spread(row.rank, String)]),
    ),
    'Beside each, random search at the full budget with the same compute, in the same order, and the ratio of the bests (sweep ÷ random search, order by order); and the simulated wall time:',
    renderResultTable(
      [
        'sweep',
        'random search, same compute: shortfall min / median / max',
        'within 1 %',
        'best ÷ random search best: min / median / max',
        'wall time vs full-budget random search: min / median / max',
      ],
      results.map(({ size, row }) => [
        `${row.schedule}, ${size} trials`,
        spread(row.randomGap, gapText),
        `${row.randomNear} of ${ORDERS}`,
        spread(row.ratio, ratioText),
        spread(row.wall, percent),
      ]),
    ),
  ],
});
