import { describe, expect, it } from 'vitest';
import { parseSweepText } from '../../../src/engine/config/load.js';
import { ConfigError } from '../../../src/engine/errors.js';
import { renderCommand } from '../../../src/engine/template/command.js';

/** The space; `{when}` lines are what the cases change. */
function sweep(parameters: string, command = 'node train.mjs {args}'): string {
  return `command: ${command}
parameters:
${parameters}
trials: 4
metric: {name: val_loss, goal: minimize}
`;
}

const SPACE = `  optimizer: {type: choice, values: [sgd, adam]}
  momentum:  {type: uniform, low: 0.0, high: 0.99, when: "optimizer == 'sgd'"}
  beta1:     {type: uniform, low: 0.8, high: 0.999, when: "optimizer == 'adam'"}
  layers:    {type: int, low: 1, high: 3}
  units_3:   {type: int, low: 16, high: 256, log: true, when: "layers >= 3"}`;

function load(text: string) {
  return parseSweepText('sweep.yaml', '/work/x/sweep.yaml', text).config;
}

function errorOf(text: string): string {
  try {
    load(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('sweep file: when and default', () => {
  it('parses each when into its condition, and leaves the others without one', () => {
    const [optimizer, momentum, , layers, units3] = load(sweep(SPACE)).parameters;
    expect(optimizer.when).toBeUndefined();
    expect(momentum.when).toEqual({ op: 'compare', comparison: '==', name: 'optimizer', value: 'sgd' });
    expect(layers.when).toBeUndefined();
    expect(units3.when).toEqual({ op: 'compare', comparison: '>=', name: 'layers', value: 3 });
  });

  it('takes when on a choice and a constant, written plain or quoted, and a default', () => {
    const c = load(
      sweep(`  layers: [1, 2, 3]
  act:
    type: choice
    values: [relu, gelu]
    when: layers > 1
  tag: {type: const, value: deep, when: 'layers in [2, 3]', default: shallow}`),
    );
    expect(c.parameters[1].when).toMatchObject({ comparison: '>', value: 1 });
    expect(c.parameters[2]).toMatchObject({ when: { op: 'in', values: [2, 3] }, value: 'deep' });
  });

  it.each([
    [
      'a syntax error, at its column inside the double-quoted string',
      SPACE.replace(`"optimizer == 'sgd'"`, `"optimizer = 'sgd'"`),
      /^sweep\.yaml:4:69: parameters\.momentum\.when: expected ==, got a single '='/,
    ],
    [
      'a syntax error inside a plain string',
      `  layers: [1, 2]\n  act:\n    type: choice\n    values: [a]\n    when: layers >> 1`,
      /^sweep\.yaml:7:19: parameters\.act\.when: expected a value/,
    ],
    [
      'an unknown name, with the nearest',
      SPACE.replace(`"optimizer == 'sgd'"`, `"optimiser == 'sgd'"`),
      /^sweep\.yaml:4:59: parameters\.momentum\.when: no parameter named optimiser; did you mean 'optimizer'\?$/,
    ],
    [
      'a name declared below',
      SPACE.replace(`"optimizer == 'sgd'"`, `"layers == 2"`),
      /^sweep\.yaml:4:59: parameters\.momentum\.when: conditions may only refer to parameters declared above; this one reads layers, declared below momentum$/,
    ],
    [
      'the parameter itself',
      SPACE.replace(`"optimizer == 'sgd'"`, `"momentum < 0.5"`),
      /conditions may only refer to parameters declared above; this one reads momentum itself$/,
    ],
    [
      'a value the choice never takes, naming those it does',
      SPACE.replace(`"optimizer == 'sgd'"`, `"optimizer == 'sgdd'"`),
      /^sweep\.yaml:4:72: parameters\.momentum\.when: optimizer is never 'sgdd': its values are 'sgd', 'adam'$/,
    ],
    [
      'a value outside an int range, in a list',
      SPACE.replace(`"layers >= 3"`, `"layers in [2, 4]"`),
      /parameters\.units_3\.when: layers is never 4: it is an integer from 1 to 3$/,
    ],
    [
      'ordering a choice of strings',
      SPACE.replace(`"optimizer == 'sgd'"`, `"optimizer < 'sgd'"`),
      /parameters\.momentum\.when: < orders numbers, and its values are 'sgd', 'adam'; use == or in \[\.\.\.\]$/,
    ],
    ['ordering against a string', SPACE.replace(`"layers >= 3"`, `"layers >= 'three'"`), />= compares layers with a number, got 'three'$/],
    [
      'a comparison that never holds',
      SPACE.replace(`"layers >= 3"`, `"layers > 3"`),
      /layers > 3 never holds: it is an integer from 1 to 3$/,
    ],
    [
      'a default outside the range',
      SPACE.replace(`when: "optimizer == 'sgd'"`, `when: "optimizer == 'sgd'", default: 2`),
      /^sweep\.yaml:4:\d+: parameters\.momentum\.default: expected a value momentum can take \(it is a number from 0 to 0\.99\), got 2$/,
    ],
    [
      'a default on a parameter always present',
      SPACE.replace('{type: int, low: 1, high: 3}', '{type: int, low: 1, high: 3, default: 2}'),
      /parameters\.layers\.default: a default is used only while the parameter is absent/,
    ],
    ['an empty when', SPACE.replace(`"layers >= 3"`, `""`), /parameters\.units_3\.when: expected a condition/],
  ])('refuses %s', (_, parameters, message) => {
    expect(errorOf(sweep(parameters))).toMatch(message);
  });
});

describe('the command of a conditional space', () => {
  const vars = { trialId: 0, attempt: 0, trialDir: '/t', sweepDir: '/s', sweepName: 's', paramsFile: '/t/params.json' };

  it('leaves an absent parameter out of {args} and {args_hydra}', () => {
    const { command } = parseSweepText('sweep.yaml', '/w/sweep.yaml', sweep(SPACE, '[node, train.mjs, "{args}", "{args_hydra}"]'));
    const argv = renderCommand(command, { ...vars, params: { optimizer: 'adam', beta1: 0.9, layers: 2 } });
    expect(argv).toEqual(['node', 'train.mjs', '--optimizer=adam', '--beta1=0.9', '--layers=2', 'optimizer=adam', 'beta1=0.9', 'layers=2']);
  });

  it("gives a placeholder naming an absent parameter the parameter's default, and its value when present", () => {
    const space = SPACE.replace(`when: "optimizer == 'sgd'"`, `when: "optimizer == 'sgd'", default: 0.0`);
    const { command } = parseSweepText('sweep.yaml', '/w/sweep.yaml', sweep(space, 'node train.mjs --momentum {momentum}'));
    expect(renderCommand(command, { ...vars, params: { optimizer: 'adam', beta1: 0.9, layers: 1 } })).toEqual([
      'node',
      'train.mjs',
      '--momentum',
      '0',
    ]);
    expect(renderCommand(command, { ...vars, params: { optimizer: 'sgd', momentum: 0.5, layers: 1 } })).toEqual([
      'node',
      'train.mjs',
      '--momentum',
      '0.5',
    ]);
  });

  it('refuses a placeholder naming a conditional parameter without a default, naming both', () => {
    expect(errorOf(sweep(SPACE, 'node train.mjs --units {units_3}'))).toMatch(
      /^sweep\.yaml:1:10: command: \{units_3\} names parameter units_3, which is absent when its when: is false; give units_3 a default:/,
    );
  });
});
