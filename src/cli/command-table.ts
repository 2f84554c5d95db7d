/**
 * Every command sweeptop has, declared once: what it is for, its arguments and each option with
 * its type, default and description. Parsing, `sweeptop CMD --help`, the top-level usage and
 * docs/reference/commands.md (`npm run docs:commands`) are drawn from here. Data only, so that
 * start-up stays quick: the commands themselves load only when run (main.ts).
 */
import { action, choice, command, flag, integer, list, text, type CommandDeclaration, type PositionalDeclaration } from './args/declare.js';
import { COMPLETE_COMMAND, CONTROLLER_COMMAND } from './controller-command.js';

const SWEEP_DIR = {
  name: 'DIR',
  description: 'a sweep directory',
  noun: 'sweep directory',
  arity: 'one',
  completes: 'sweeps',
} as const satisfies PositionalDeclaration;
/** For the commands that read a sweep: without DIR, the one a person most likely means (default-sweep.ts). */
const SWEEP_DIR_HERE = {
  ...SWEEP_DIR,
  arity: 'optional',
  defaultText: 'the newest sweep started from the current folder',
} as const satisfies PositionalDeclaration;
const JSON_FLAG = flag('print JSON instead of a table (shape: docs/reference/json-output.md)');
const EXIT_STATUS =
  'Exit status: 0 when the sweep ran to its end (even if some trials failed), 2 for bad input, 1 if sweeptop itself ' +
  'failed, 3 when it stopped launching because its trials kept failing, 130 when stopped by Ctrl-C (SIGINT), 143 by SIGTERM.';

const RUN_FLAGS = {
  headless: flag('run in this process, printing a line per trial event (the default without a terminal)'),
  detach: flag('start the controller in the background, print the sweep directory and return'),
  'dry-run': flag("check the sweep file and print the first trials' exact commands; launch nothing"),
};

export const RUN = command({
  name: 'run',
  summary: 'run a sweep file (TUI on a terminal, --headless otherwise)',
  positionals: [{ name: 'FILE', description: 'the sweep file', noun: 'sweep file', arity: 'optional', defaultText: 'sweep.yaml' }],
  options: {
    dir: text('DIR', {
      description: 'the sweep directory to create, relative to the current folder',
      defaultText: 'sweeps/<name>-<YYYYmmdd-HHMMSS>',
    }),
    'warm-start': list('DIR', {
      description:
        "an earlier sweep directory whose completed and pruned trials the sampler learns from first; repeatable, added to the sweep file's warm_start",
      defaultText: "the sweep file's warm_start",
    }),
    ...RUN_FLAGS,
  },
  details: [EXIT_STATUS],
});

export const RESUME = command({
  name: 'resume',
  summary: 'continue a sweep directory (after a crash, a stop, or with more trials)',
  positionals: [SWEEP_DIR],
  options: {
    detach: RUN_FLAGS.detach,
    headless: RUN_FLAGS.headless,
    trials: integer('N', { min: 1, description: 'the trial budget from now on', defaultText: "the sweep's own" }),
  },
  details: ['Refused while a live controller runs the sweep; `sweeptop attach DIR` watches it.'],
});

export const ATTACH = command({
  name: 'attach',
  summary: 'the live view of a running sweep, from any terminal; a finished or dead one opens read-only',
  positionals: [
    {
      name: 'DIR',
      description: 'a sweep directory',
      noun: 'sweep directory',
      arity: 'optional',
      defaultText: 'the newest live sweep started from the current folder, else your newest live sweep',
      completes: 'sweeps',
    },
  ],
  options: {},
  details: [
    'A sweep no controller runs (finished, or its controller died) opens read-only: its trials, curves and reasons; keys that would act on it say how to resume it.',
  ],
});

export const STOP = command({
  name: 'stop',
  summary: 'stop a sweep and every trial process it has',
  positionals: [
    { ...SWEEP_DIR, arity: 'optional', defaultText: 'the live sweep started from the current folder, when there is exactly one' },
  ],
  options: { now: flag("SIGKILL the trials at once, instead of SIGTERM and SIGKILL after the sweep's grace") },
  details: ['Returns when no trial process remains; with the controller dead, it stops the trials the controller left running.'],
});

const TRIALS = {
  name: 'TRIAL',
  description: 'trial ids',
  noun: 'trial id',
  arity: 'many',
  integerMin: 0,
  completes: 'trials',
} as const satisfies PositionalDeclaration;
const trialAction = (name: string, summary: string) => action({ name, summary, positionals: [TRIALS], options: {} });
const COUNT = { name: 'N', description: 'a number', noun: 'number', arity: 'one', integerMin: 1 } as const satisfies PositionalDeclaration;

/** `ctl DIR pause 3 4`: the actions on trials. */
export const CTL_TRIAL_ACTIONS = [
  trialAction('pause', 'pause running trials (SIGSTOP)'),
  trialAction('resume', 'continue paused trials'),
  trialAction('kill', 'stop trials; a queued one leaves the queue'),
  trialAction('promote', 'protect trials from pruning; a pruned or killed one is queued again first'),
];

/** `ctl DIR parallel 4`: the actions that set a number. */
export const CTL_COUNT_ACTIONS = [
  action({ name: 'parallel', summary: 'run at most N trials at once', positionals: [COUNT], options: {} }),
  action({ name: 'trials', summary: 'set the trial budget to N', positionals: [COUNT], options: {} }),
];

export const CTL_ADD = action({
  name: 'add',
  summary: 'queue a trial with these parameters, or one per row of a file',
  positionals: [],
  options: {
    param: list('NAME=VALUE', {
      description: 'a parameter of the new trial; the value reads as YAML (0.01, true, adam); --param or --from is needed',
    }),
    from: text('FILE', {
      description:
        'a YAML (a list of mappings) or CSV (a header row of parameter names) file of configurations: one trial each, run next in file order; every row is checked before any is added',
      defaultText: 'none',
    }),
  },
});

export const CTL = command({
  name: 'ctl',
  summary: 'pause, resume, kill, promote or add trials from a script',
  positionals: [SWEEP_DIR_HERE],
  options: {},
  actions: [...CTL_TRIAL_ACTIONS, ...CTL_COUNT_ACTIONS, CTL_ADD],
  details: [
    'Exit status: 0 when every command was applied; 1 with one line per refusal (unknown trial, trial already finished, no controller).',
  ],
});

export const LS = command({
  name: 'ls',
  summary: 'your sweeps and their state',
  positionals: [],
  options: { json: JSON_FLAG },
});

export const DEMO = command({
  name: 'demo',
  summary: 'run the bundled demo sweep in a temporary folder',
  positionals: [],
  options: {
    dir: text('DIR', { description: 'the sweep directory to create', defaultText: 'a new folder in the temporary folder' }),
    ...RUN_FLAGS,
  },
  details: ['The demo runs fixtures/sweeps/demo.yaml (a fake trainer: no GPU, no Python). Quitting its TUI stops it.'],
});

export const STATUS = command({
  name: 'status',
  summary: 'the trial table of a sweep directory',
  positionals: [SWEEP_DIR_HERE],
  options: { json: JSON_FLAG },
});

export const BEST = command({
  name: 'best',
  summary: 'the best trial and the command to re-run it',
  positionals: [SWEEP_DIR_HERE],
  options: { json: JSON_FLAG },
  details: [
    'The best trial is the best completed one by objective; ties go to the lowest id. Exit status 1 when there is none yet (0 with --json, which prints null).',
  ],
});

export const ANALYZE = command({
  name: 'analyze',
  summary: 'which parameters matter, the best region of each, and the top trials',
  positionals: [SWEEP_DIR_HERE],
  options: { json: JSON_FLAG },
  details: [
    "Importance is Optuna's default: fANOVA over a seeded random forest fitted to the completed trials (pruned ones do not count); it needs 10 completed trials. The best region of a parameter is drawn from the best 10 % of the completed trials. See docs/analysis.md.",
  ],
});

export const RERUN = command({
  name: 'rerun',
  summary: 'run the leading configurations again over more seeds, as new trials, then say whether the winner stands',
  positionals: [SWEEP_DIR],
  options: {
    top: integer('N', { min: 1, description: 'how many of the best completed trials run again', defaultText: '3' }),
    repeats: integer('R', {
      min: 1,
      description: "each new trial's repeats (its runs: folds × R); at least the sweep's",
      defaultText: 'none: it must be given',
    }),
  },
  details: [
    'Each new trial has the same parameter values as the trial it repeats, and `repeats: R` of its own. A finished or stopped sweep is resumed with them (headless, until they end); a live one gets them through its controller, as `ctl add` does, and rerun waits for them. Then it prints what `best` says of the winner. Needs a sweep with `repeats` (its command takes {repeat}).',
  ],
});

export const EXPORT = command({
  name: 'export',
  summary: 'one row per trial as CSV or JSON, or the sweep as an Optuna study',
  positionals: [SWEEP_DIR_HERE],
  options: {
    format: choice(['csv', 'json', 'optuna'], {
      description: 'the output format',
      defaultText: 'csv; json when --output ends in .json; optuna with --storage',
    }),
    output: text('FILE', { short: 'o', description: 'write to FILE', defaultText: 'standard output' }),
    runs: flag('one row per run (a fold, a repeat) of each trial, with its own result, instead of one per trial'),
    storage: text('FILE', { description: 'with --format optuna: the SQLite file to write the Optuna study to', defaultText: 'none' }),
    force: flag('replace an existing --storage file'),
  },
  details: [
    '`--format optuna --storage study.db` writes an SQLite file in the storage format of Optuna 3.1 (schema v3.0.0.d) with one ' +
      'study named after the sweep: `optuna.load_study(storage="sqlite:///study.db", study_name=NAME)` loads it and ' +
      '`optuna-dashboard sqlite:///study.db` shows it. A newer Optuna asks for `optuna storage upgrade` once. See docs/optuna.md.',
  ],
});

export const RESCORE = command({
  name: 'rescore',
  summary: 'score a stopped sweep again by another objective, in place',
  positionals: [SWEEP_DIR],
  options: {
    metric: text('NAME', {
      description: 'the metric as the script prints it, or a summary of it (mean/accuracy)',
      defaultText: "the sweep's own",
    }),
    goal: choice(['minimize', 'maximize'], { description: 'whether lower or higher is better', defaultText: "the sweep's own" }),
    value: choice(['last', 'best'], {
      description: "each fold's (context's) result: its last value, or its best",
      defaultText: "the sweep's own",
    }),
    combine: choice(['mean', 'median'], {
      description: "how several folds' (contexts') results make the objective",
      defaultText: "the sweep's own",
    }),
    json: JSON_FLAG,
  },
  details: [
    "For a sweep run with the wrong objective (a misspelled `metric:`, the wrong summary): every finished trial's objective is computed " +
      'again from its recorded points, and where its metrics.jsonl holds nothing of the metric, from its stdout.log and stderr.log read ' +
      "again with the sweep's parsers. Each trial keeps the objective it had in its record (`rescored`); no state changes. The sweep " +
      'goes by the new objective from then on: status, best, export and resume.',
    'Refused while a controller runs the sweep: stop it first. Exit status: 0 when rescored; 2 for bad input, a running sweep, or a ' +
      'metric no trial reported (the names reported are listed, with a guess).',
  ],
});

export const CLEAN = command({
  name: 'clean',
  summary: "free disk space: remove finished trials' logs and what their scripts wrote, keeping every record",
  positionals: [SWEEP_DIR],
  options: {
    pruned: flag('remove the files of the trials the pruner stopped'),
    'keep-top': integer('K', {
      min: 1,
      description:
        'remove the files of every finished trial but the best K completed ones (several objectives: whole Pareto fronts, the front always)',
      defaultText: 'none: no trial is removed for its rank',
    }),
    'dry-run': flag('print what would be removed and how much it would free; remove nothing'),
    json: JSON_FLAG,
  },
  details: [
    "Removes a trial's stdout.log and stderr.log and everything its script wrote into {trial.dir} (checkpoints), in its runs' and " +
      "earlier attempts' folders too; never its records (params.json, settings.json, launch.json, result.json, exit_code, metrics.jsonl), " +
      'so status, best, export, analyze and replay answer as before. Never touches a trial that has not ended (or that resume would run ' +
      'again), nor anything a symbolic link points to. See docs/trials-and-files.md.',
    'Exit status: 0 (also when nothing was left to remove); 2 for bad input, or a sweep run from another host.',
  ],
});

export const METRICS = command({
  name: 'metrics',
  summary: 'show the metrics sweeptop extracts from a log file',
  positionals: [{ name: 'FILE', description: 'a log file: text, CSV, JSON lines or TensorBoard events', noun: 'log file', arity: 'one' }],
  options: {
    json: flag('print one JSON object per metric point instead of a table (shape: docs/reference/json-output.md)'),
    config: text('sweep.yaml', {
      description: "read as this sweep file's runs would: its metric rules, parsers and plugins",
      defaultText: 'none',
    }),
    parser: list('NAME', {
      description: 'only these parsers (repeat, or separate with commas)',
      defaultText: "auto, or the sweep file's parsers with --config",
    }),
  },
  details: ['Exit status: 0, with a note on stderr when nothing was found; 2 for bad usage or a file that cannot be read.'],
});

export const REPLAY = command({
  name: 'replay',
  summary: 'replay recorded curves through a pruner',
  positionals: [
    {
      name: 'SOURCE',
      description: 'a sweep directory or a curves file',
      noun: 'sweep directory or curves file',
      arity: 'one',
      completes: 'sweeps',
    },
  ],
  options: {
    pruner: text('TYPE', { description: 'the pruner to replay', defaultText: 'none', required: 'a pruner type, e.g. --pruner median' }),
    set: list('key=value', { description: "one of the pruner's options; the value reads as YAML" }),
    metric: text('NAME', { description: 'the metric to replay', defaultText: 'the one SOURCE records' }),
    goal: choice(['minimize', 'maximize'], { description: 'whether lower or higher is better', defaultText: 'the one SOURCE records' }),
    concurrency: integer('N', { min: 1, default: 1, description: 'trials replayed at once (1: strictly one after another)' }),
    'reduction-factor': integer('η', {
      min: 2,
      description: 'a budget sweep: promote the best 1/η of a level (asha), over the recorded levels',
      defaultText: "the sweep's",
    }),
    config: text('sweep.yaml', { description: "load this sweep file's plugins", defaultText: "the sweep directory's own" }),
    json: flag('print JSON lines instead of a table (shape: docs/reference/json-output.md)'),
  },
  details: [
    'SOURCE is a sweep directory or a curves file ({"metric", "goal", "trials": [{"id", "values"}]}).',
    "A sweep directory's own plugins are loaded, or those of the sweep file given with --config.",
  ],
});

/** `hooks test FILE EVENT`: the sweep file's hook for EVENT, fired once with a sample event. */
export const HOOKS_TEST = action({
  name: 'test',
  summary: "fire the sweep file's hook for EVENT once, with a sample event, and print its exit status and output",
  positionals: [
    { name: 'FILE', description: 'the sweep file', noun: 'sweep file', arity: 'one' },
    {
      name: 'EVENT',
      description: 'on_trial_start, on_trial_end, on_new_best, on_failure, on_pruned, on_sweep_end or on_stall',
      noun: 'event',
      arity: 'one',
    },
  ],
  options: {},
});

export const HOOKS = command({
  name: 'hooks',
  summary: "try a sweep file's hooks before a sweep runs them",
  positionals: [],
  options: {},
  actions: [HOOKS_TEST],
  details: [
    'Nothing is launched and no sweep directory is made: the event (`"sample": true`) names trial 0 with each parameter\'s lowest value or first choice. Exit status: 0 when the hook succeeded, 1 when it failed or timed out, 2 for bad input. See docs/hooks.md.',
  ],
});

export const COMPLETION = command({
  name: 'completion',
  summary: 'print the shell completion script for bash, zsh or fish',
  positionals: [{ name: 'SHELL', description: 'bash, zsh or fish', noun: 'shell', arity: 'one', choices: ['bash', 'zsh', 'fish'] }],
  options: {},
  details: [
    'It completes commands, their options, sweep directories from `sweeptop ls`, and for `ctl` the trials an action may act on now, ' +
      'by asking sweeptop itself at each Tab: it stays current as sweeptop changes. Install it with one line: ' +
      "bash: `echo 'source <(sweeptop completion bash)' >> ~/.bashrc`; " +
      "zsh (after compinit): `echo 'source <(sweeptop completion zsh)' >> ~/.zshrc`; " +
      'fish: `mkdir -p ~/.config/fish/completions && sweeptop completion fish > ~/.config/fish/completions/sweeptop.fish`.',
  ],
});

export const COMPLETE = command({
  name: COMPLETE_COMMAND,
  summary: 'the candidates for the word being typed, one a line, for the completion scripts (not for people)',
  positionals: [{ name: 'WORD', description: 'the words after `sweeptop`, the last one being typed', noun: 'word', arity: 'many' }],
  options: {},
  hidden: true,
});

export const CONTROLLER = command({
  name: CONTROLLER_COMMAND,
  summary: 'the detached controller that run and resume start (not for people)',
  positionals: [SWEEP_DIR],
  options: { trials: RESUME.options.trials },
  hidden: true,
});

/** In the order the usage lists them. */
export const COMMAND_TABLE: readonly CommandDeclaration[] = [
  RUN,
  RESUME,
  ATTACH,
  STOP,
  CTL,
  LS,
  DEMO,
  STATUS,
  BEST,
  ANALYZE,
  RERUN,
  EXPORT,
  RESCORE,
  CLEAN,
  METRICS,
  REPLAY,
  HOOKS,
  COMPLETION,
  COMPLETE,
  CONTROLLER,
];
