/**
 * docs/reference/sweep.schema.json, as an editor uses it (ajv, draft-07): every bundled sweep file passes,
 * a plugin of the user's own passes with any options, and mistakes fail — each of which sweeptop
 * itself refuses too, so the editor never flags what sweeptop accepts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseSweepText } from '../../src/engine/config/load.js';
import { resolveSweep } from '../../src/engine/config/resolve.js';
import { ConfigError } from '../../src/engine/errors.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const schema = JSON.parse(readFileSync(join(ROOT, 'docs/reference/sweep.schema.json'), 'utf8'));
const validate = new Ajv({ strict: true, allErrors: true }).compile(schema);
const FIXTURES = join(ROOT, 'fixtures/sweeps');

const BASE = `command: python train.py --lr {lr}
parameters:
  lr: {type: loguniform, low: 1.0e-5, high: 1.0e-1}
  layers: [1, 2, 3]
  epochs: 20
trials: 10
metric: {name: val_loss, goal: minimize}
`;

async function sweeptopRefuses(text: string): Promise<boolean> {
  try {
    await resolveSweep(parseSweepText('sweep.yaml', join(ROOT, 'sweep.yaml'), text), text, { sweepDir: join(ROOT, 'no-such-sweep') });
    return false;
  } catch (error) {
    if (error instanceof ConfigError) return true;
    throw error;
  }
}

describe('the JSON Schema for sweep files', () => {
  it.each(readdirSync(FIXTURES).filter((name) => name.endsWith('.yaml')))('accepts fixtures/sweeps/%s', (name) => {
    const data = parse(readFileSync(join(FIXTURES, name), 'utf8'));
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    ['built-in options', 'sampler: {type: tpe, n_startup_trials: 5, multivariate: true}\npruner: {type: median, n_warmup_steps: 2}'],
    ['a wrapped pruner', 'pruner: {type: patient, patience: 2, wrapped: {type: asha, min_resource: auto}}'],
    ['an executor with its options', 'executor: {type: slurm, partition: gpu, mem: 16G, poll_interval: 2s}'],
    [
      'every parameter form',
      'parameters:\n  a: {type: int, low: 1, high: 64, log: true}\n  b: {type: choice, values: [x, y]}\n  c: {type: const, value: 3}\n  d: {type: float, low: 0, high: 1, grid_points: 5}',
    ],
  ])('accepts %s', (_label, extra) => {
    const text = extra.startsWith('parameters:') ? BASE.replace(/parameters:[^]*?epochs: 20\n/, `${extra}\n`) : `${BASE}${extra}\n`;
    expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('accepts a plugin of your own, with any options', () => {
    expect(validate(parse(`${BASE}plugins: [./mine.mjs]\nsampler: {type: mine, anything: 1}\npruner: mine\n`))).toBe(true);
  });

  it.each([
    ['a misspelt field', 'paralel: 4'],
    ['a misspelt option of a built-in sampler', 'sampler: {type: tpe, n_startup_trial: 5}'],
    ['an option out of range', 'pruner: {type: median, n_warmup_steps: -1}'],
    ['a wrapped pruner with a wrong option', 'pruner: {type: patient, patience: 2, wrapped: {type: median, warmup: 1}}'],
    ['a wrapped pruner given by name only', 'pruner: {type: patient, patience: 2, wrapped: median}'],
    ['a required option left out', 'pruner: {type: percentile}'],
    ['a misspelt executor option', 'executor: {type: slurm, partiton: gpu}'],
    ['an unknown parameter type', 'parameters:\n  lr: {type: integer, low: 1, high: 6}'],
    ['a bad duration', 'timeout: two hours'],
    ['a bad goal', 'metric: {name: val_loss, goal: lowest}'],
    ['a bad GPU list', 'gpus: []'],
  ])('refuses %s, as sweeptop does', async (_label, extra) => {
    const text = extra.startsWith('parameters:')
      ? BASE.replace(/parameters:[^]*?epochs: 20\n/, `${extra}\n`).replace('--lr {lr}', '')
      : extra.startsWith('metric:')
        ? BASE.replace(/metric:.*\n/, `${extra}\n`)
        : `${BASE}${extra}\n`;
    expect(validate(parse(text))).toBe(false);
    expect(await sweeptopRefuses(text)).toBe(true);
  });
});
