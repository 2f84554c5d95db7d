import { describe, expect, it } from 'vitest';
import { parseSweepText } from '../../../src/engine/config/load.js';
import { ConfigError } from '../../../src/engine/errors.js';

const GOOD = `name: lr-sweep
command: python train.py --lr {lr} --layers {layers} --epochs 20
parameters:
  lr:         {type: loguniform, low: 1.0e-5, high: 1.0e-1}
  dropout:    {type: uniform, low: 0.0, high: 0.5}
  layers:     {type: int, low: 1, high: 6}
  batch_size: {type: choice, values: [32, 64, 128]}
  epochs: 20
sampler: random
seed: 0
trials: 50
parallel: 4
gpus: [0, 1]
metric: {name: val_loss, goal: minimize}
timeout: 2h
grace: 10s
retries: 1
max_duration: 3d
stop_when: "val_loss <= 0.05"
max_failures: 10
env: {PYTHONUNBUFFERED: "1", OMP_NUM_THREADS: 4}
`;

function load(text: string) {
  return parseSweepText('sweep.yaml', '/work/x/sweep.yaml', text).config;
}

function errorOf(text: string): ConfigError {
  try {
    load(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

/** Replace one line (found by its start) of the good file. */
function withLine(start: string, replacement: string): string {
  const lines = GOOD.split('\n');
  const i = lines.findIndex((l) => l.startsWith(start));
  if (i < 0) throw new Error(`no line ${start}`);
  lines[i] = replacement;
  return lines.join('\n');
}

describe('sweep file: a valid file', () => {
  it('normalises every field', () => {
    const c = load(GOOD);
    expect(c.name).toBe('lr-sweep');
    expect(c.cwd).toBe('/work/x');
    expect(c.parameters.map((p) => p.kind)).toEqual(['float', 'float', 'int', 'choice', 'const']);
    expect(c.parameters[0]).toMatchObject({ name: 'lr', log: true, low: 1e-5, high: 0.1 });
    expect(c.parameters[2]).toMatchObject({ kind: 'int', step: 1, log: false });
    expect(c.gpus).toEqual(['0', '1']);
    expect(c.timeoutMs).toBe(7_200_000);
    expect(c.graceMs).toBe(10_000);
    expect(c.maxDurationMs).toBe(3 * 86_400_000);
    expect(c.stopWhen).toMatchObject({ metric: 'val_loss', op: '<=', value: 0.05 });
    expect(c.env).toEqual({ PYTHONUNBUFFERED: '1', OMP_NUM_THREADS: '4' });
    expect(c.sampler).toEqual({ type: 'random', options: {} });
    expect(c.pruner).toEqual({ type: 'none', options: {} });
  });

  it('reads durations past what a Node timer holds, up to 100 years', () => {
    expect(load(withLine('timeout:', 'timeout: 30d')).timeoutMs).toBe(30 * 86_400_000);
    expect(load(withLine('max_duration:', 'max_duration: 36500d')).maxDurationMs).toBe(36_500 * 86_400_000);
  });

  it('defaults the name to the file stem and takes plugin choices with options', () => {
    const c = load(withLine('name:', 'sampler: {type: tpe, n_startup_trials: 20}').replace('sampler: random\n', ''));
    expect(c.name).toBe('sweep');
    expect(c.sampler).toEqual({ type: 'tpe', options: { n_startup_trials: 20 } });
  });

  it('takes a log-scaled int range, as every sampler draws one', () => {
    const c = load(withLine('  layers:', '  layers: {type: int, low: 1, high: 64, log: true}'));
    expect(c.parameters[2]).toEqual({ kind: 'int', name: 'layers', low: 1, high: 64, step: 1, log: true });
  });

  it('reads a blank field as absent, and fills in every default', () => {
    const c = load(withLine('parallel:', 'parallel:'));
    expect(c).toMatchObject({ parallel: 1, shell: false, gpusPerTrial: 1, plugins: [], metrics: [], parsers: ['auto'], logs: [] });
    expect(c.executor).toEqual({ type: 'local', options: {} });
  });
});

describe('sweep file: every bad input is one line with file:line:column, the field and what was expected', () => {
  const cases: Array<[string, string, RegExp]> = [
    [
      'unknown key with a suggestion',
      withLine('parallel:', 'paralel: 4'),
      /^sweep\.yaml:12:1: paralel: unknown field 'paralel'; did you mean 'parallel'\?$/,
    ],
    ['wrong type', withLine('parallel:', 'parallel: four'), /^sweep\.yaml:12:11: parallel: expected an integer ≥ 1, got "four"$/],
    ['parallel < 1', withLine('parallel:', 'parallel: 0'), /^sweep\.yaml:12:11: parallel: expected an integer ≥ 1, got 0$/],
    ['missing command', withLine('command:', ''), /^sweep\.yaml:1:1: command: missing: expected the training command/],
    ['missing parameters', GOOD.replace(/parameters:[\s\S]*?epochs: 20\n/, ''), /^sweep\.yaml:1:1: parameters: missing/],
    [
      'placeholder with no parameter',
      withLine('command:', 'command: python train.py --lr {lrate}'),
      /^sweep\.yaml:2:10: command: placeholder \{lrate\} matches no parameter; parameters: lr, dropout, layers, batch_size, epochs/,
    ],
    [
      'low >= high',
      withLine('  dropout:', '  dropout: {type: uniform, low: 0.5, high: 0.5}'),
      /^sweep\.yaml:5:33: parameters\.dropout\.low: expected low < high, got low 0\.5 and high 0\.5$/,
    ],
    [
      'log range with low <= 0',
      withLine('  lr:', '  lr: {type: loguniform, low: 0, high: 1}'),
      /^sweep\.yaml:4:31: parameters\.lr\.low: a log range needs low > 0, got 0$/,
    ],
    [
      'unparseable duration',
      withLine('timeout:', 'timeout: two hours'),
      /^sweep\.yaml:15:10: timeout: expected a duration such as 30s, 10m, 2h or 3d, got "two hours"$/,
    ],
    [
      'a duration no clock can reach',
      withLine('timeout:', 'timeout: 99999999999d'),
      /^sweep\.yaml:15:10: timeout: expected a duration of at most 36500d \(100 years\), got "99999999999d"$/,
    ],
    [
      'a duration in seconds too large for a number of milliseconds',
      withLine('max_duration:', 'max_duration: 1.0e+306'),
      /^sweep\.yaml:\d+:15: max_duration: expected a duration of at most 36500d \(100 years\), got 1e\+306$/,
    ],
    ['YAML syntax error', withLine('parallel:', 'parallel: [4'), /^sweep\.yaml:\d+:\d+: invalid YAML: /],
    [
      'a key written twice',
      withLine('parallel:', 'parallel: 4\nparallel: 8'),
      /^sweep\.yaml:13:1: parallel: this key appears twice in its mapping; keep one$/,
    ],
    [
      'unknown parameter type',
      withLine('  layers:', '  layers: {type: integer, low: 1, high: 6}'),
      /^sweep\.yaml:6:18: parameters\.layers\.type: expected one of uniform, loguniform, float, int, choice, categorical, const, got "integer"$/,
    ],
    [
      'bad goal',
      withLine('metric:', 'metric: {name: val_loss, goal: lowest}'),
      /^sweep\.yaml:14:32: metric\.goal: expected minimize or maximize, got "lowest"$/,
    ],
    ['trials missing without grid', withLine('trials:', ''), /^sweep\.yaml:1:1: trials: missing: expected the number of trials/],
    [
      'spread placeholder inside an argument',
      withLine('command:', 'command: python train.py --x={args}'),
      /command: \{args\} expands to several arguments/,
    ],
    ['unbalanced quote', withLine('command:', `command: python "train.py --lr {lr}`), /command: cannot split the command: .*quotes/],
    [
      'bad stop_when',
      withLine('stop_when:', 'stop_when: "val_loss is low"'),
      /^sweep\.yaml:\d+:12: stop_when: expected a condition such as "val_loss <= 0\.05"/,
    ],
    [
      'gpus_per_trial above the GPUs listed',
      withLine('gpus:', 'gpus: [0, 1]\ngpus_per_trial: 3'),
      /gpus_per_trial: expected at most the 2 GPUs listed in gpus, got 3/,
    ],
    [
      'int range with a fractional bound',
      withLine('  layers:', '  layers: {type: int, low: 1.5, high: 6}'),
      /parameters\.layers\.low: expected an integer, got 1\.5/,
    ],
    ['a top level that is not a mapping', '- just\n- a list\n', /^sweep\.yaml:1:1: expected a mapping of fields/],
    [
      'a misspelt key in a range',
      withLine('  layers:', '  layers: {type: int, lo: 1, high: 6}'),
      /^sweep\.yaml:6:23: parameters\.layers\.lo: unknown field 'lo'; did you mean 'low'\?$/,
    ],
    [
      'a step of 0',
      withLine('  dropout:', '  dropout: {type: uniform, low: 0.0, high: 0.5, step: 0}'),
      /^sweep\.yaml:5:\d+: parameters\.dropout\.step: expected a number > 0, got 0$/,
    ],
    [
      'a misspelt key in a metrics rule',
      `${GOOD}metrics:\n  - {regex: '(?<value>\\d+)', nmae: acc}\n`,
      /^sweep\.yaml:23:30: metrics\[0\]\.nmae: unknown field 'nmae'; did you mean 'name'\?$/,
    ],
  ];
  for (const [label, text, pattern] of cases) {
    it(label, () => {
      const error = errorOf(text);
      expect(error.message).toMatch(pattern);
      expect(error.message).not.toContain('\n');
      expect(error.exitCode).toBe(2);
    });
  }
});

describe('sweep file: input that would escape the sweeps folder or exhaust the loader', () => {
  it('refuses a sweep name that is not a single path segment', () => {
    for (const name of ['../../../escape', 'runs/a', '..', '.']) {
      const error = errorOf(withLine('name:', `name: "${name}"`));
      expect(error.message, name).toMatch(/^sweep\.yaml:\d+:\d+: name: expected a single folder name/);
    }
    expect(load(withLine('name:', 'name: lr sweep 2 (retry)')).name).toBe('lr sweep 2 (retry)');
  });

  it('turns a YAML alias bomb into a one-line config error, not an internal error', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
    ];
    const error = errorOf(`${GOOD}\n${bomb.join('\n')}\n`);
    expect(error.message).toMatch(/^sweep\.yaml: .*alias/);
    expect(error.message).not.toContain('\n');
  });
});
