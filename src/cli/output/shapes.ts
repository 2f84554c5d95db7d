/**
 * The shape of every `--json` output, declared once: the commands build their records with the
 * types derived from here, tests check the real outputs against these schemas, and
 * docs/reference/json-output.md is generated from them (`npm run docs:commands`).
 */
import * as v from 'valibot';
import { HOOK_FAILURE } from './hook-event-shape.js';
import { jsonOutput } from './json-output.js';
import { about, integer, jsonNumber, paramValue, RUN_ROW, TRIAL_ROW, trialRow, trialState } from './trial-row-shape.js';

export const STATUS_JSON = jsonOutput({
  command: 'status DIR --json',
  layout: 'document',
  version: 1,
  summary: 'the sweep and every trial, read from its directory',
  records: {
    status: {
      name: about(v.string(), "the sweep's name"),
      dir: about(v.string(), 'its directory'),
      state: about(
        v.picklist(['running', 'finished', 'stopped']),
        'running: a controller runs it; finished: it ran to its end or was stopped by hand; stopped: neither',
      ),
      stopReason: about(v.nullable(v.string()), 'why a finished sweep ended, e.g. "all 400 trials done" or "stopped by sweeptop stop"'),
      counts: about(v.record(trialState, integer), 'how many trials are in each state (states with none are left out)'),
      silent: about(integer, 'how many running trials are flagged silent'),
      eta_s: about(
        v.nullable(v.number()),
        'seconds until the sweep ends, estimated while it runs; null when not running or before a trial completed',
      ),
      disk_full: about(
        v.nullable(v.strictObject({ since: v.number(), held_writes: integer, dropped_points: integer })),
        "while the controller finds the sweep directory's disk full (launching paused, unwritten state held in memory): since when (unix ms), how many writes wait, how many metric points were dropped past the bound; asked of the live controller",
      ),
      warm_start: about(
        v.nullable(v.strictObject({ trials: integer, dirs: v.array(v.string()) })),
        "a warm-started sweep: how many earlier sweeps' trials its sampler learns from, and those sweeps' directories; null otherwise",
      ),
      best: about(
        v.nullable(trialRow),
        'the best completed trial by objective (ties: the lowest id); null in a sweep of several objectives, which has a front instead',
      ),
      front: about(
        v.optional(v.array(integer)),
        'a sweep of several objectives: the ids of the Pareto front (completed trials no other completed trial beats in every objective), by the first objective, best first',
      ),
      last_hook_failure: about(v.nullable(HOOK_FAILURE), 'the last hook that failed (docs/hooks.md); null when none has'),
      trials: about(v.array(trialRow), 'every trial, by id'),
    },
  },
});

const STANDING = {
  id: about(integer, "the trial's id"),
  value: about(jsonNumber, 'its runs combined, as its objective'),
  spread: about(v.nullable(jsonNumber), 'the standard deviation of its runs; null for fewer than two'),
  runs: about(integer, 'its runs with a result'),
};

/** Whether the best trial is distinguishable from the next three (`best`, `rerun`). */
export const DISTINCTION = v.nullable(
  v.object({
    best: about(v.nullable(v.object(STANDING)), 'the best trial by its runs; null when its recorded runs rank another first'),
    rivals: about(
      v.array(
        v.object({
          ...STANDING,
          shared_runs: about(integer, 'runs both trials have a result for (paired by key: fold 2 repeat 1)'),
          verdict: about(v.picklist(['distinguishable', 'not-distinguishable', 'too-few-shared-runs']), 'the paired test at alpha'),
          p: about(v.nullable(v.number()), 'the two-sided p-value of the Wilcoxon signed-rank test; null with too few shared runs'),
          method: about(v.nullable(v.picklist(['exact', 'normal'])), 'exact, or the normal approximation'),
        }),
      ),
      'the next three trials, best first',
    ),
    alpha: about(v.number(), 'the significance level of each comparison'),
    needed_runs: about(integer, 'the fewest shared runs for which a p-value can fall below alpha'),
    statement: about(v.string(), 'the sentence `best` prints'),
  }),
);

/** How to run a trial again, as `best` gives it. */
const RERUN = {
  metrics: about(v.record(v.string(), jsonNumber), 'the last value of each metric it reported'),
  argv: about(v.array(v.string()), 'its exact command line'),
  command: about(v.string(), 'argv quoted for a POSIX shell, ready to paste'),
  cwd: about(v.string(), 'the folder it ran in'),
  env: about(v.record(v.string(), v.string()), 'the variables sweeptop set for it: SWEEPTOP_PARAM_<NAME> for each parameter'),
};

/** One trial of the Pareto front. */
const FRONT_MEMBER = { ...TRIAL_ROW, ...RERUN };

export const BEST_JSON = jsonOutput({
  command: 'best DIR --json',
  layout: 'document',
  version: 1,
  summary:
    'the best completed trial by objective (ties: the lowest id), and how to run it again; in a sweep of several objectives, the Pareto front',
  records: {
    best: {
      ...TRIAL_ROW,
      ...RERUN,
      budget: about(v.optional(v.number()), 'a budget sweep: the budget of the level its objective is from (the top level)'),
      level: about(v.optional(v.string()), 'a budget sweep: that level, as `3/3`'),
      distinction: about(
        DISTINCTION,
        'with folds or repeats (or contexts): whether it is distinguishable from the next three trials, a paired Wilcoxon signed-rank test over their shared runs; null otherwise',
      ),
    },
    front: {
      objectives: about(
        v.array(v.strictObject({ name: v.string(), goal: v.picklist(['minimize', 'maximize']) })),
        "the objectives, in the sweep file's order",
      ),
      front: about(
        v.array(v.pipe(v.strictObject(FRONT_MEMBER), v.title('front member'))),
        'the Pareto front: completed trials no other completed trial is at least as good as in every objective and better in one; by the first objective, best first (ties: the lowest id)',
      ),
      incomplete: about(
        v.array(integer),
        'ids of completed trials missing a value (or NaN) in some objective: they cannot be compared, and are on no front',
      ),
    },
  },
  notes: [
    '`null` (with exit status 0, and a note on stderr) while no trial has completed with a value.',
    'A sweep of one objective prints a `best` record; a sweep of several (`metric:` a list) prints a `front` record instead, whose `front` is empty while no completed trial has every objective.',
  ],
});

/** What `analyze` says about one objective. */
const ANALYSIS = {
  metric: about(v.strictObject({ name: v.string(), goal: v.picklist(['minimize', 'maximize']) }), 'the objective and its goal'),
  completed: about(integer, 'completed trials with a finite objective: what the analysis is drawn from'),
  importance: about(
    v.strictObject({
      computed: v.boolean(),
      reason: v.nullable(v.string()),
      parameters: v.array(v.strictObject({ name: v.string(), importance: v.number() })),
      absent: v.array(v.string()),
    }),
    "each parameter's share of the variance (summing to 1), largest first; when not computed, `parameters` is empty and `reason` says why (`needs 10 completed trials, have 6`). `absent`: conditional parameters (`when:`) missing from some completed trials, left out of the forest and not scored, as Optuna leaves out a parameter not in every trial",
  ),
  region_trials: about(integer, 'how many of the best completed trials the regions are drawn from: the best 10 %, at least 1'),
  regions: about(
    v.array(
      v.union([
        v.strictObject({ name: v.string(), kind: v.literal('range'), low: v.number(), high: v.number(), median: v.number() }),
        v.strictObject({
          name: v.string(),
          kind: v.literal('shares'),
          shares: v.array(v.strictObject({ value: paramValue, share: v.number() })),
        }),
      ]),
    ),
    "per parameter, among those trials: a number's interquartile range (low, high) and median; a choice's share of each value, largest first; a conditional parameter among those of them that have it, and left out when none does",
  ),
  top: about(v.array(v.strictObject(TRIAL_ROW)), 'the 5 best completed trials by this objective, best first (ties: the lowest id)'),
};

export const ANALYZE_JSON = jsonOutput({
  command: 'analyze DIR --json',
  layout: 'document',
  version: 1,
  summary: 'which parameters matter (fANOVA importance, as Optuna computes it), the best region of each, and the top trials',
  records: {
    analysis: {
      ...ANALYSIS,
      by_objective: about(
        v.optional(v.array(v.strictObject(ANALYSIS))),
        "a sweep of several objectives: the same analysis for each objective, in the sweep file's order (the first repeats the fields above, which are the first objective's)",
      ),
    },
  },
});

export const EXPORT_JSON = jsonOutput({
  command: 'export DIR --format json',
  layout: 'array',
  version: 1,
  summary: 'one element per trial, by id (CSV has the same columns, parameters as `param.<name>`)',
  records: { trial: TRIAL_ROW },
});

export const EXPORT_RUNS_JSON = jsonOutput({
  command: 'export DIR --runs --format json',
  layout: 'array',
  version: 1,
  summary: 'one element per run of each trial (sweeps with folds or repeats), by trial id then run index',
  records: {
    run: {
      id: about(integer, "its trial's id"),
      params: about(v.record(v.string(), paramValue), 'the parameter values its trial ran with'),
      ...RUN_ROW,
      trial_objective: about(v.nullable(jsonNumber), "its trial's objective, the runs' results combined"),
    },
  },
});

const objective = v.pipe(
  v.strictObject({
    name: about(v.string(), 'the metric, as the script prints it (or a summary of it)'),
    goal: about(v.picklist(['minimize', 'maximize']), 'whether lower or higher is better'),
    value: about(v.picklist(['last', 'best']), "each fold's (context's) result: its last value, or its best"),
    combine: about(v.picklist(['mean', 'median']), "how several folds' (contexts') results make the objective"),
  }),
  v.title('objective'),
);

export const RESCORE_JSON = jsonOutput({
  command: 'rescore DIR --json',
  layout: 'document',
  version: 1,
  summary: "the objective a sweep goes by now, and each finished trial's objective before and after",
  records: {
    rescore: {
      dir: about(v.string(), 'the sweep directory'),
      metric: about(objective, 'the objective the sweep goes by from now on'),
      previous: about(objective, 'the objective it went by before'),
      trials: about(
        v.array(
          v.pipe(
            v.strictObject({
              id: about(integer, "the trial's id"),
              state: about(trialState, 'its state (rescore never changes it)'),
              before: about(v.nullable(jsonNumber), 'its objective by the previous objective'),
              after: about(v.nullable(jsonNumber), 'its objective by the new one'),
              source: about(
                v.nullable(v.string()),
                'the summary the new objective was taken from (`mean/accuracy`), when the script never printed the plain name',
              ),
              reread: about(
                v.boolean(),
                'whether its stdout.log and stderr.log were read again, its metrics.jsonl holding nothing of the metric',
              ),
              reason: about(v.nullable(v.string()), 'why it ended so, as now recorded'),
            }),
            v.title('rescored trial'),
          ),
        ),
        'every finished trial, by id',
      ),
      unfinished: about(integer, 'trials left running by a controller that is gone: a resumed sweep scores them by the new objective'),
      best: about(v.nullable(trialRow), 'the best completed trial by the new objective (ties: the lowest id)'),
    },
  },
});

export const CLEAN_JSON = jsonOutput({
  command: 'clean DIR --json',
  layout: 'document',
  version: 1,
  summary: 'what clean removed (with --dry-run: would remove) of each trial, and how much that freed',
  records: {
    clean: {
      dir: about(v.string(), 'the sweep directory'),
      dry_run: about(v.boolean(), 'true: nothing was removed, the figures say what would be'),
      top: about(v.array(integer), 'with --keep-top: the ids of the trials kept as the top, best first; empty without it'),
      trials: about(
        v.array(
          v.pipe(
            v.strictObject({
              id: about(integer, "the trial's id"),
              state: about(trialState, 'its state (clean never changes it)'),
              reason: about(v.picklist(['pruned', 'outside the top']), 'why it was cleaned'),
              bytes: about(integer, 'bytes freed'),
              files: about(integer, 'files removed'),
              linked: about(integer, 'of those, files with another hard link, whose space is freed only when that link goes too'),
              removed: about(
                v.array(v.strictObject({ path: v.string(), bytes: integer, files: integer })),
                'each entry removed, relative to the trial folder (a folder ends in `/`, with what it held)',
              ),
            }),
            v.title('cleaned trial'),
          ),
        ),
        'every trial chosen and cleaned, by id (those with nothing left to remove included)',
      ),
      left: about(
        v.array(v.strictObject({ id: integer, state: trialState, why: v.string() })),
        'the trials left alone: not finished, or chosen but not safe to touch, with why',
      ),
      bytes: about(integer, 'bytes freed in all'),
      files: about(integer, 'files removed in all'),
    },
  },
});

export const LS_JSON = jsonOutput({
  command: 'ls --json',
  layout: 'array',
  version: 1,
  summary: 'your sweeps, newest first',
  records: {
    sweep: {
      dir: about(v.string(), "the sweep's directory"),
      name: about(v.string(), 'its name'),
      createdAt: about(integer, 'when its first controller started, in milliseconds since 1970'),
      state: about(
        v.picklist(['live', 'elsewhere', 'finished', 'dead', 'missing']),
        'live: its controller runs here; elsewhere: a controller on another host holds it, which cannot be checked from here; finished: it ran to its end; dead: none of these; missing: its directory is gone',
      ),
      pid: about(v.nullable(integer), "the live controller's process id"),
      host: about(v.optional(v.string()), 'the host of a controller elsewhere (only then)'),
      startedIn: about(
        v.optional(v.string()),
        'the folder `run` or `resume` was typed in; absent for sweeps registered before it was recorded',
      ),
    },
  },
});

export const METRICS_JSON = jsonOutput({
  command: 'metrics FILE --json',
  layout: 'lines',
  version: 1,
  summary: 'one line per metric point, in the order the file has them',
  records: {
    point: {
      name: about(v.string(), "the metric's name"),
      step: about(
        v.number(),
        'its step as a sweep records it: the one the log gave (may be fractional, e.g. an epoch), else the latest one seen, else a count of its reports',
      ),
      value: about(jsonNumber, 'its value'),
      context: v.optional(about(v.string(), 'the fold, split or seed it belongs to (fold 3)')),
    },
    echoed: {
      echoed: about(
        v.record(v.string(), paramValue),
        'configuration the log echoed and values printed once before training: not metrics (a last line, when any)',
      ),
    },
  },
  notes: ['Nothing, with a note on stderr, when the file holds no metric sweeptop can read.'],
});

export const REPLAY_JSON = jsonOutput({
  command: 'replay SOURCE --pruner TYPE --json',
  layout: 'lines',
  version: 1,
  summary: "one line per trial, in SOURCE's order (a sweep directory's by id), then one summary line",
  records: {
    trial: {
      id: about(v.string(), "the trial's id in SOURCE"),
      pruned: about(v.boolean(), 'whether the pruner stopped it'),
      pruned_at_step: about(v.nullable(v.number()), 'the step of the report that pruned it'),
      steps_run: about(integer, 'reports it ran for, the pruning one included'),
      reason: about(v.nullable(v.string()), "the pruner's reason"),
      runs_run: about(v.optional(integer), 'a sweep with folds or repeats: the runs it started'),
      pruned_at_run: about(
        v.optional(v.nullable(integer)),
        'a sweep with folds or repeats: the index of the run it was pruned in (or after, across runs)',
      ),
      level: about(v.optional(v.nullable(integer)), 'a budget sweep: the index of the level it completed or was stopped at'),
      budget: about(v.optional(v.nullable(v.number())), "a budget sweep: that level's budget"),
      no_record: about(
        v.optional(
          v.nullable(v.strictObject({ level: about(integer, 'the level index'), budget: about(v.number(), "the level's budget") })),
        ),
        'a budget sweep: the level it would have been promoted to, never run in SOURCE (no score is made up for it)',
      ),
    },
    summary: {
      summary: about(
        v.pipe(
          v.strictObject({
            steps_run: about(integer, 'reports all trials ran for with the pruner'),
            steps_full: about(integer, 'reports they recorded'),
            saved_fraction: about(v.number(), '1 - steps_run / steps_full'),
            best_kept: about(v.nullable(v.string()), 'the best completed trial the pruner let finish'),
            best_overall: about(v.nullable(v.string()), 'the best completed trial'),
            best_survived: about(v.boolean(), 'whether the pruner let the best trial finish'),
            runs_run: about(v.optional(integer), 'a sweep with folds or repeats: the runs all trials started with the pruner'),
            runs_full: about(v.optional(integer), 'the runs they recorded'),
            runs_saved_fraction: about(v.optional(v.number()), '1 - runs_run / runs_full'),
            budget_run: about(v.optional(v.number()), 'a budget sweep: the budgets of the level runs all trials started'),
            budget_recorded: about(v.optional(v.number()), 'the budgets of the level runs they recorded'),
            budget_saved_fraction: about(v.optional(v.number()), '1 - budget_run / budget_recorded'),
            promotions_without_record: about(v.optional(integer), 'promotions to a level never run in SOURCE'),
          }),
          v.title('replay summary'),
        ),
        'what the pruner saved, and what it cost',
      ),
    },
  },
});

/** Every output, in the order the reference lists them. */
export const JSON_OUTPUTS = [
  STATUS_JSON,
  BEST_JSON,
  ANALYZE_JSON,
  EXPORT_JSON,
  EXPORT_RUNS_JSON,
  RESCORE_JSON,
  CLEAN_JSON,
  LS_JSON,
  METRICS_JSON,
  REPLAY_JSON,
];
