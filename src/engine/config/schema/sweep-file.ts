/**
 * The sweep file, declared once. This declaration is the validation (with the messages users
 * see), the type of a checked file (SweepFile), each field's default and description, and the
 * source of docs/reference/sweep-file.md and docs/reference/sweep.schema.json (`npm run docs`).
 * Rules across fields that a schema does not say (gpus_per_trial against gpus, trials without
 * grid, the command's placeholders against the parameters) are in load.ts.
 */
import type { PluginKind } from '../../../plugin-api/plugin.js';
import { byKind, checked, onlyMappings, option, shaped, v } from '../../../plugin-api/schema.js';
import { metricRules } from '../../metrics/rules.js';
import { ACROSS_RUNS_DEFAULTS } from '../../pruning/across-runs.js';
import { parseStopCondition, STOP_CONDITION } from '../stop-when.js';
import { command } from './command.js';
import { hooks } from './hooks.js';
import { parameters } from './parameters.js';
import { count, describeValue, duration, expects, fields, flag, folderName, text, textList } from './values.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const env = shaped(
  onlyMappings(
    v.record(
      v.pipe(v.string(), v.regex(ENV_NAME, 'expected a variable name (letters, digits, _)')),
      v.pipe(v.union([v.string(), v.number(), v.boolean()], expects('a string or number')), v.transform(String)),
    ),
    expects('a mapping of variable names to values'),
  ),
  'a mapping of variable names to values',
);

const GPUS = 'a list of GPU ids such as [0, 1], or a count';
const gpuIdMessage = expects('a GPU id (an integer or a UUID string)');
const gpuId = v.pipe(
  v.union(
    [
      v.pipe(v.number(gpuIdMessage), v.integer(gpuIdMessage), v.minValue(0, gpuIdMessage)),
      v.pipe(v.string(gpuIdMessage), v.minLength(1, gpuIdMessage)),
    ],
    gpuIdMessage,
  ),
  v.transform(String),
);
const gpus = shaped(
  byKind(
    {
      number: v.pipe(
        v.number(),
        v.integer(expects(GPUS)),
        v.minValue(1, expects(GPUS)),
        v.transform((n) => Array.from({ length: n }, (_, i) => String(i))),
      ),
      list: v.pipe(
        v.array(gpuId),
        v.minLength(1, expects(GPUS)),
        v.check(
          (ids) => duplicate(ids) === undefined,
          (issue) => `GPU ${duplicate((issue.input as unknown[]).map(String))} is listed twice`,
        ),
      ),
    },
    expects(GPUS),
  ),
  GPUS,
);

function duplicate(ids: readonly string[]): string | undefined {
  return ids.find((id, i) => ids.indexOf(id) !== i);
}

const OBJECTIVE = 'a metric name or {name, goal, value, combine}';
const METRIC = `${OBJECTIVE}, or a list of 2 or more of them`;
const goal = v.picklist(['minimize', 'maximize'], expects('minimize or maximize'));
const valueRule = v.picklist(['last', 'best'], expects('last or best'));
const combineRule = v.picklist(['mean', 'median'], expects('mean or median'));
const objectiveCases = {
  string: v.pipe(
    v.string(),
    v.minLength(1, expects(OBJECTIVE)),
    v.transform((name) => ({ name, goal: 'minimize' as const, value: 'last' as const, combine: 'mean' as const })),
  ),
  mapping: fields(
    {
      name: option(text(), {
        missing: 'the metric name as your script prints it',
        description: 'the metric name as your script prints it (or a summary: final/val_loss)',
      }),
      goal: option(goal, { default: 'minimize', description: 'minimize or maximize' }),
      value: option(valueRule, { default: 'last', description: "each fold's (context's) result: its last value, or its best" }),
      combine: option(combineRule, {
        default: 'mean',
        description: "how several folds' (contexts') results make the objective: mean or median",
      }),
    },
    OBJECTIVE,
  ),
};
const objective = byKind(objectiveCases, expects(OBJECTIVE));
/**
 * One objective or several (a multi-objective sweep, see docs/objectives.md), always read as a
 * list: the single form is a list of one, so only code whose meaning differs asks how many.
 */
const metric = shaped(
  byKind(
    {
      string: v.pipe(
        objectiveCases.string,
        v.transform((one) => [one]),
      ),
      mapping: v.pipe(
        objectiveCases.mapping,
        v.transform((one) => [one]),
      ),
      list: v.pipe(
        v.array(objective),
        v.minLength(2, 'a list of objectives needs 2 or more; write a single one as metric: {name, goal}'),
        v.check(
          (all) => repeatedName(all) === undefined,
          (issue) => `objective ${repeatedName(issue.input as Array<{ name: string }>)} is listed twice`,
        ),
      ),
    },
    expects(METRIC),
  ),
  METRIC,
);

function repeatedName(objectives: ReadonlyArray<{ name: string }>): string | undefined {
  return duplicate(objectives.map((o) => o.name));
}

/**
 * `sampler: tpe` or `sampler: {type: tpe, …options}`. The options are the plugin's to check
 * when it is created (it may be the user's own); the JSON Schema lists the built-in ones'.
 */
function pluginChoice(kind: Extract<PluginKind, 'sampler' | 'pruner' | 'executor'>) {
  const what = `${kind === 'executor' ? 'an' : 'a'} ${kind} name or {type: name, …options}`;
  const name = (issue: v.BaseIssue<unknown>) =>
    issue.input === undefined || issue.input === null
      ? `missing: expected the ${kind}'s name`
      : `expected the ${kind}'s name, got ${describeValue(issue.input)}`;
  const named = v.pipe(
    v.string(),
    v.minLength(1, expects(what)),
    v.transform((type) => ({ type, options: {} as Record<string, unknown> })),
  );
  const spelled = v.pipe(
    v.looseObject({ type: v.pipe(v.string(name), v.minLength(1, name)) }, name),
    v.transform(({ type, ...options }) => ({ type, options: options as Record<string, unknown> })),
  );
  return v.pipe(byKind({ string: named, mapping: spelled }, expects(what)), v.metadata({ shape: what, choiceOf: kind }));
}

const RUNS_PRUNING = 'true, false or {n_startup_trials, n_min_trials}';
/**
 * `runs_pruning: false`, `true` (the defaults), or the median rule's two gates. Absent: on when a
 * pruner is configured (config/runs-pruning.ts says why).
 */
const runsPruning = shaped(
  byKind(
    {
      boolean: v.boolean(),
      mapping: fields(
        {
          n_startup_trials: option(count(0), {
            default: ACROSS_RUNS_DEFAULTS.nStartupTrials,
            description: 'no pruning across runs until this many trials have completed all their runs',
          }),
          n_min_trials: option(count(1), {
            default: ACROSS_RUNS_DEFAULTS.nMinTrials,
            description: 'no pruning unless this many other trials have finished as many runs',
          }),
        },
        RUNS_PRUNING,
      ),
    },
    expects(RUNS_PRUNING),
  ),
  RUNS_PRUNING,
);

const BUDGET = '{min, max, reduction_factor, schedule}';
const positive = () =>
  checked(
    'a number > 0',
    (message) =>
      v.pipe(
        v.number(message),
        v.check((n) => Number.isFinite(n) && n > 0, message),
      ),
    describeValue,
  );
/** `budget: {min: 0.1, max: 1.0, reduction_factor: 3, schedule: asha}` (see docs/budget.md); min < max is checked in load.ts. */
const budget = shaped(
  fields(
    {
      min: option(positive(), {
        missing: 'the smallest budget, e.g. 0.1 (a fraction of the data) or 1 (epochs)',
        description: 'the smallest budget a trial starts at',
      }),
      max: option(positive(), {
        missing: 'the full budget, e.g. 1.0 or 27',
        description: 'the full budget: the top level, which decides best',
      }),
      reduction_factor: option(
        checked(
          'a number ≥ 2',
          (message) =>
            v.pipe(
              v.number(message),
              v.check((n) => Number.isFinite(n) && n >= 2, message),
            ),
          describeValue,
        ),
        { default: 3, description: 'η: each level is η times the one below, and the best 1/η of a level go on' },
      ),
      schedule: option(shaped(v.picklist(['asha', 'hyperband'], expects('asha or hyperband')), 'asha or hyperband'), {
        default: 'asha',
        description:
          'asha promotes as soon as a trial ranks in the top 1/η (slots never wait); hyperband runs brackets of synchronous halving',
      }),
    },
    BUDGET,
  ),
  BUDGET,
);

const stopWhen = shaped(
  v.pipe(
    v.string(expects('a condition such as "val_loss <= 0.05"')),
    v.regex(STOP_CONDITION, expects('a condition such as "val_loss <= 0.05"')),
    v.transform((condition) => parseStopCondition(condition)!),
  ),
  'a condition such as "val_loss <= 0.05"',
);

export const sweepFile = fields(
  {
    name: option(folderName(), { unset: "the file's stem", description: 'names the sweep and its default directory (one folder name)' }),
    command: option(command, {
      missing: 'the training command, a string or a list',
      description: 'the training command: a string split with POSIX quoting rules (no shell), or an argv list [python, train.py, "{args}"]',
    }),
    shell: option(flag(), { default: false, description: 'run the command through /bin/sh -c, every substituted value single-quoted' }),
    cwd: option(text(), { default: '.', description: "the trials' working folder, relative to the sweep file" }),
    env: option(env, { default: {}, description: 'extra environment variables for every trial' }),
    parameters: option(parameters, {
      missing: 'a mapping of parameter names to ranges',
      description: 'the search space: one entry per parameter (see Parameters)',
    }),
    sampler: option(pluginChoice('sampler'), { default: 'random', description: 'how parameters are chosen (see Samplers)' }),
    seed: option(count(0), { default: 0, description: 'the same seed gives the same suggestions' }),
    warm_start: option(textList(), {
      default: [],
      description:
        'earlier sweep directories, relative to the sweep file, whose completed and pruned trials the sampler learns from first (see Samplers); same parameters and metric',
    }),
    enqueue: option(text(), {
      unset: 'none',
      description:
        'a file of configurations, relative to the sweep file (YAML: a list of mappings; CSV: a header row of parameter names), run first in file order as the first trials, on top of `trials`; the sampler learns from them (see Sweep files)',
    }),
    trials: option(count(1), { unset: 'required, except with the grid sampler: the whole grid', description: 'how many trials to run' }),
    parallel: option(count(1), { default: 1, description: 'trials running at once' }),
    gpus: option(gpus, {
      unset: 'none',
      description: 'GPU ids ([0, 1]) or a count (4); each running trial gets its own in CUDA_VISIBLE_DEVICES',
    }),
    gpus_per_trial: option(count(1), { default: 1, description: 'GPU ids per trial' }),
    folds: option(count(1), {
      unset: 'none',
      description: 'run each trial once per fold, {fold} = 0..folds-1 (env SWEEPTOP_FOLD); its objective combines the folds (see Runs)',
    }),
    repeats: option(count(1), {
      unset: 'none',
      description: 'run each trial (each fold) this many times, {repeat} = 0..repeats-1 (env SWEEPTOP_REPEAT), e.g. as its seed',
    }),
    runs_parallel: option(count(1), { default: 1, description: "a trial's runs (folds × repeats) running at once, in index order" }),
    runs_from_env: option(flag(), {
      default: false,
      description:
        'the script reads its fold and repeat from SWEEPTOP_FOLD and SWEEPTOP_REPEAT, so the command need not say {fold} or {repeat}',
    }),
    budget: option(budget, {
      unset: 'none',
      description:
        'run every trial first at the smallest budget, {budget} (env SWEEPTOP_BUDGET), and the best 1/η of each level again at the next (see Budget)',
    }),
    runs_pruning: option(runsPruning, {
      unset: 'on when a pruner is set',
      description:
        "stop a trial after run j when the mean of its first j runs is worse than the median of the other trials' (see Runs); false turns it off",
    }),
    metric: option(metric, {
      missing: 'the objective, e.g. {name: val_loss, goal: minimize}',
      description:
        'the objective: {name: val_loss, goal: minimize, value: last, combine: mean}; a bare name means minimize; a list of 2 or more is a multi-objective sweep',
    }),
    args_style: option(shaped(v.picklist(['as_written', 'dashes'], expects('as_written or dashes')), 'as_written or dashes'), {
      default: 'as_written',
      description: '{args} spells --name=value with the parameter name as written; dashes turns its _ into - (--batch-size, for argparse)',
    }),
    timeout: option(duration(), { unset: 'none', description: 'per trial, e.g. 30s, 10m, 2h, 3d, 1h30m; paused time does not count' }),
    stall_timeout: option(duration(), {
      unset: 'none',
      description: 'kill a running trial silent this long (no output on stdout, stderr or its logs) and retry it, counting toward retries',
    }),
    grace: option(duration(), { default: '10s', description: 'delay between SIGTERM and SIGKILL when a trial is stopped' }),
    kill_mode: option(shaped(v.picklist(['group', 'cgroup'], expects('group or cgroup')), 'group or cgroup'), {
      default: 'group',
      description:
        "what holds a trial's processes: group, its process group and what /proc traces to it; cgroup, a cgroup v2 of its own that nothing can leave (local executor; needs a writable cgroup v2)",
    }),
    retries: option(count(0), { default: 0, description: 're-run a failed trial this many times (same id, next attempt)' }),
    max_duration: option(duration(), { unset: 'none', description: 'stop launching after this; running trials finish' }),
    stop_when: option(stopWhen, {
      unset: 'none',
      description: 'stop launching once a completed trial reaches this, e.g. "val_loss <= 0.05"; running trials finish',
    }),
    max_failures: option(count(1), { unset: 'none', description: 'stop launching after this many failed trials' }),
    pruner: option(pluginChoice('pruner'), { default: 'none', description: 'early stopping (see Pruners)' }),
    executor: option(pluginChoice('executor'), { default: 'local', description: 'where trials run (see Executors)' }),
    plugins: option(textList(), { default: [], description: 'your own plugin modules, paths relative to the sweep file' }),
    metrics: option(metricRules, { default: [], description: 'your own regex rules for metrics the parsers do not find' }),
    parsers: option(textList(), {
      default: ['auto'],
      description: 'which parsers read the output, in order: names, auto (all of them), or [] for your rules only',
    }),
    hooks: option(hooks, {
      default: {},
      description:
        'commands run when something happens: on_trial_start, on_trial_end, on_new_best, on_failure, on_pruned, on_sweep_end, on_stall (see Hooks)',
    }),
    logs: option(textList(), {
      default: [],
      description: "log files to follow besides stdout and stderr: globs relative to the trial's cwd, with {trial.dir} and {trial.id}",
    }),
  },
  'a mapping of fields (command, parameters, …)',
);

/** A sweep file as checked: defaults filled in, durations in milliseconds, parameters normalised. */
export type SweepFile = v.InferOutput<typeof sweepFile>;
