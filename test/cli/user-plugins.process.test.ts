/**
 * `plugins:` in a sweep file, end to end: a user's parser, pruner and sampler, in a module beside
 * the sweep file, are the ones a headless run uses; a module that is missing or exports no plugin
 * is refused in one line naming the file and what is expected.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { TempDir } from '../helpers/sweep.js';

let temp: TempDir;
beforeEach(() => {
  temp = new TempDir();
});
afterEach(() => temp.remove());

/**
 * Prints `SCORE <x/10> AT <step>` for steps 0–4 (a format no built-in parser reads), then waits to
 * be stopped: a trial that exits 0 before its pruner's stop reaches it is completed, not pruned.
 */
const TRAINER = `const x = Number(process.argv[2]);
for (let step = 0; step < 5; step++) console.log(\`SCORE \${x / 10} AT \${step}\`);
setInterval(() => {}, 1000);
`;

const PLUGINS = `export const parser = {
  name: 'score-at', kind: 'parser',
  create: (_options, { parseNumber }) => ({
    parse(line) {
      const m = /^SCORE (\\S+) AT (\\d+)$/.exec(line);
      if (!m) return null;
      const value = parseNumber(m[1]);
      return { points: value === undefined ? [] : [{ name: 'score', step: Number(m[2]), value }] };
    },
  }),
};
export const pruner = {
  name: 'past-two', kind: 'pruner',
  create: () => ({ decide: ({ step }) => (step >= 2 ? { action: 'prune', reason: 'the past-two pruner says enough' } : { action: 'continue', reason: null }) }),
};
export const sampler = {
  name: 'counting', kind: 'sampler',
  create: () => ({ suggest: ({ trialId }) => ({ x: 70 + trialId }) }),
};
`;

const SWEEP = (plugins: string) => `command: node train.mjs {x}
parameters:
  x: {type: int, low: 0, high: 100}
metric: {name: score, goal: maximize}
trials: 2
parallel: 1
parsers: [score-at]
sampler: counting
pruner: past-two
plugins: ${plugins}
`;

describe('plugins: in a sweep file', () => {
  it("runs a headless sweep with the user's parser, pruner and sampler", async () => {
    temp.file('train.mjs', TRAINER);
    mkdirSync(join(temp.path, 'mine'));
    temp.file('mine/plugins.mjs', PLUGINS);
    temp.file('sweep.yaml', SWEEP('[./mine/plugins.mjs]'));
    const { code, stderr } = await runCli(['run', 'sweep.yaml', '--dir', 'out'], { cwd: temp.path });
    expect([code, stderr]).toEqual([0, '']);
    const trials = JSON.parse(readFileSync(join(temp.path, 'out', 'sweep.json'), 'utf8')).trials;
    expect(trials.map((t: { params: object }) => t.params)).toEqual([{ x: 70 }, { x: 71 }]);
    for (const trial of trials) {
      expect(trial.state).toBe('pruned');
      expect(trial.reason).toMatch(/^pruned at step 2: the past-two pruner says enough$/);
    }
    expect(trials.map((t: { objective: unknown }) => t.objective)).toEqual([7, 7.1]);
  });

  it('refuses a module that does not exist, or exports no plugin, in one line naming the file', async () => {
    temp.file('train.mjs', TRAINER);
    temp.file('sweep.yaml', SWEEP('[./missing.mjs]'));
    const missing = await runCli(['run', 'sweep.yaml', '--dir', 'out'], { cwd: temp.path });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`sweeptop: sweep.yaml:10:11: plugins[0]: cannot load ${join(temp.path, 'missing.mjs')}: no such module\n`);
    temp.file('shapeless.mjs', "export default { name: 'half', create() {} };\n");
    temp.file('sweep.yaml', SWEEP('[./shapeless.mjs]'));
    const shapeless = await runCli(['run', 'sweep.yaml', '--dir', 'out'], { cwd: temp.path });
    expect(shapeless.code).toBe(2);
    expect(shapeless.stderr).toBe(
      `sweeptop: sweep.yaml:10:11: plugins[0]: ${join(temp.path, 'shapeless.mjs')} exports no plugin (an object with name, kind: parser|pruner|sampler|executor, and create(options))\n`,
    );
    temp.file('broken.mjs', 'export default {\n');
    temp.file('sweep.yaml', SWEEP('[./broken.mjs]'));
    const broken = await runCli(['run', 'sweep.yaml', '--dir', 'out'], { cwd: temp.path });
    expect([broken.code, broken.stderr.split('\n').length]).toEqual([2, 2]);
    expect(broken.stderr).toMatch(/^sweeptop: sweep\.yaml:10:11: plugins\[0\]: cannot load \S+broken\.mjs: /);
    expect(existsSync(join(temp.path, 'out'))).toBe(false);
  });
});
