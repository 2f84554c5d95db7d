/**
 * Pruning across folds, on recorded 5-fold cross-validation scores (bench/data/fold-scores.json,
 * written by scripts/record-fold-scores.py): sequential sweeps over the recorded configurations in
 * seeded shuffled orders, each with the across-runs rule at its defaults and, in the same order,
 * without pruning. Counts the fold runs each executed and whether the true best configuration (by
 * 5-fold mean) ran all its folds. Results, not timings: computed once, the same on every run.
 *
 *   npx tsx bench/fold-pruning.ts           20 orders for the goals, 1,000 for the settings table
 *   npx tsx bench/fold-pruning.ts --quick   100 for the settings table
 */
import { readFileSync } from 'node:fs';
import { ACROSS_RUNS_DEFAULTS, type AcrossRunsSettings } from '../src/engine/pruning/across-runs.js';
import { Bench } from './lib/record.js';
import { renderResultTable } from './lib/render.js';
import { type RecordedScores, shuffledOrders, simulateSweep } from './fold-pruning/simulate.js';

const bench = new Bench('fold-pruning');
const ORDERS = 20;
const MANY_ORDERS = bench.options.quick ? 100 : 1_000;
const SEED = 'fold-pruning';
const GOAL_SAVED = 0.3;
const GOAL_KEPT = 19;
const TOP = 5;
const SETTINGS_TRIED: AcrossRunsSettings[] = [
  [1, 1],
  [1, 3],
  [3, 3],
  [5, 1],
  [5, 5],
  [10, 10],
].map(([nStartupTrials, nMinTrials]) => ({ nStartupTrials, nMinTrials }));

const scores = JSON.parse(readFileSync(new URL('data/fold-scores.json', import.meta.url), 'utf8')) as RecordedScores;
const folds = scores.configs[0].folds.length;
const topConfigs = scores.configs
  .map((config, index) => ({ index, mean: config.mean }))
  .sort((a, b) => b.mean - a.mean)
  .slice(0, TOP)
  .map(({ index }) => index);

const percent = (fraction: number) => `${(100 * fraction).toFixed(1)} %`;
const tick = (met: boolean) => (met ? '✔' : '✘');

/** Totals over `orders` for one setting, beside no pruning in the same orders. */
function across(orders: number[][], settings: AcrossRunsSettings) {
  let runs = 0;
  let unprunedRuns = 0;
  let bestKept = 0;
  let topKept = 0;
  const rows = orders.map((order, i) => {
    const pruned = simulateSweep(scores, order, settings);
    const unpruned = simulateSweep(scores, order, null);
    runs += pruned.foldRuns;
    unprunedRuns += unpruned.foldRuns;
    bestKept += pruned.bestKept ? 1 : 0;
    const top = topConfigs.filter((index) => pruned.kept[index]).length;
    topKept += top;
    return [
      i + 1,
      order.indexOf(scores.best) + 1,
      pruned.foldRuns,
      unpruned.foldRuns,
      percent(1 - pruned.foldRuns / unpruned.foldRuns),
      pruned.kept.filter((kept) => !kept).length,
      pruned.bestKept ? 'yes' : 'no',
      `${top} of ${TOP}`,
    ];
  });
  return { rows, saved: 1 - runs / unprunedRuns, bestKept, topKept: topKept / orders.length };
}

const best = scores.configs[scores.best];
const goalOrders = shuffledOrders(scores.configs.length, ORDERS, SEED);
const manyOrders = shuffledOrders(scores.configs.length, MANY_ORDERS, `${SEED}-many`);
const atDefaults = across(goalOrders, ACROSS_RUNS_DEFAULTS);
const settingsRows = SETTINGS_TRIED.map((settings) => {
  const many = across(manyOrders, settings);
  const isDefault =
    settings.nStartupTrials === ACROSS_RUNS_DEFAULTS.nStartupTrials && settings.nMinTrials === ACROSS_RUNS_DEFAULTS.nMinTrials;
  return [
    `${settings.nStartupTrials}, ${settings.nMinTrials}${isDefault ? ' (default)' : ''}`,
    percent(many.saved),
    `${many.bestKept} of ${MANY_ORDERS}`,
    `${many.topKept.toFixed(2)} of ${TOP}`,
  ];
});

bench.finish({
  method:
    `Data: ${scores.description} (${scores.cv}), ${scores.configs.length} configurations; the true best by ${folds}-fold mean is ` +
    `${JSON.stringify(best.params)} at ${best.mean}, the next ${scores.configs.map((c) => c.mean).sort((a, b) => b - a)[1]}. ` +
    `A sweep runs the configurations one after another in a shuffled order (seeded), each fold by fold, and asks the across-runs rule ` +
    `after every fold (n_startup_trials ${ACROSS_RUNS_DEFAULTS.nStartupTrials}, n_min_trials ${ACROSS_RUNS_DEFAULTS.nMinTrials}, the defaults); ` +
    'beside it, the same order without pruning. Results, not timings: computed once, the same on every run.',
  figures: [],
  notes: [
    renderResultTable(
      ['figure', `over ${ORDERS} orders`, 'goal'],
      [
        [
          'fold runs saved against no pruning',
          percent(atDefaults.saved),
          `≥ ${percent(GOAL_SAVED)} ${tick(atDefaults.saved >= GOAL_SAVED)}`,
        ],
        [
          'true best configuration kept (ran all its folds)',
          `${atDefaults.bestKept} of ${ORDERS}`,
          `≥ ${GOAL_KEPT} ${tick(atDefaults.bestKept >= GOAL_KEPT)}`,
        ],
        [`top ${TOP} configurations kept, mean per order`, `${atDefaults.topKept.toFixed(2)} of ${TOP}`, ''],
      ],
    ),
    'Order by order: where in it the true best came, fold runs with pruning and without, configurations stopped early:',
    renderResultTable(
      ['order', 'place of the best in it', 'fold runs', 'without pruning', 'saved', 'stopped', 'best kept', `top ${TOP} kept`],
      atDefaults.rows,
    ),
    `Other settings, over ${MANY_ORDERS.toLocaleString('en')} further orders. In a sequential sweep every earlier trial has finished, ` +
      'so the two gates act alike: pruning starts once max(n_startup_trials, n_min_trials) trials have run.',
    renderResultTable(
      ['n_startup_trials, n_min_trials', 'fold runs saved', 'true best kept', `top ${TOP} kept, mean per order`],
      settingsRows,
    ),
  ],
});
