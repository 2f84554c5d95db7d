/**
 * `sweeptop/plugin` as a user's plugin sees it: installed in the plugin's folder, its types check
 * a typed plugin (and refuse a wrong one), and its helpers run in a plugin that sweeptop loads.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { TempDir } from '../helpers/sweep.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

let temp: TempDir;
beforeEach(() => {
  temp = new TempDir();
  // what `npm install --save-dev sweeptop` leaves in the plugin's folder
  mkdirSync(join(temp.path, 'node_modules'));
  symlinkSync(ROOT, join(temp.path, 'node_modules', 'sweeptop'), 'dir');
  temp.file(
    'tsconfig.json',
    JSON.stringify({
      // skipLibCheck as `tsc --init` sets it, and as sweeptop's own build does: the declarations of
      // sweeptop's dependencies (valibot's alone are ~17,000 lines) are not checked again, which
      // would cost a plugin's type check some 8 s of CPU and tell nothing about its own code.
      compilerOptions: {
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        strict: true,
        noEmit: true,
        types: [],
        skipLibCheck: true,
      },
      include: ['*.ts'],
    }),
  );
});
afterEach(() => temp.remove());

const typeCheck = () => spawnSync(process.execPath, [TSC, '-p', temp.path], { encoding: 'utf8' });

const TYPED_PARSER = `import type { ParserPlugin } from 'sweeptop/plugin';
import { PluginOptionError } from 'sweeptop/plugin';

const plugin: ParserPlugin = {
  name: 'val-acc-at', kind: 'parser',
  create: (options, { parseNumber }) => {
    if (Object.keys(options).length > 0) throw new PluginOptionError(Object.keys(options)[0], 'no options');
    return {
      parse(line) {
        const m = /^val acc (\\S+) @ (\\d+)$/.exec(line);
        if (!m) return null;
        const value = parseNumber(m[1]);
        return { points: value === undefined ? [] : [{ name: 'val_acc', step: Number(m[2]), value }] };
      },
    };
  },
};
export default plugin;
`;

// Each check runs tsc, 2–3 s of CPU, which a busy machine stretches well past vitest's 30 s.
describe('sweeptop/plugin', { timeout: 90_000 }, () => {
  it('type-checks a typed user plugin, and refuses one of the wrong shape', () => {
    temp.file('parser.ts', TYPED_PARSER);
    const good = typeCheck();
    expect(good.stdout + good.stderr).toBe('');
    expect(good.status).toBe(0);
    // a value that is text, not a number: the interface says no
    temp.file(
      'parser.ts',
      TYPED_PARSER.replace("name: 'val_acc', step: Number(m[2]), value }", "name: 'val_acc', step: Number(m[2]), value: m[1] }"),
    );
    const bad = typeCheck();
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toMatch(/parser\.ts\(\d+,\d+\): error TS2322:[^]*Type 'string' is not assignable to type 'number'/);
  });

  it('type-checks the typed plugin example of docs/plugins.md', () => {
    const guide = readFileSync(join(ROOT, 'docs', 'plugins.md'), 'utf8');
    const examples = [...guide.matchAll(/```ts\n([^]*?)```/g)].map((m) => m[1]).filter((code) => code.includes("from 'sweeptop/plugin'"));
    expect(examples.length).toBeGreaterThan(0);
    examples.forEach((code, i) => temp.file(`example-${i}.ts`, code));
    const result = typeCheck();
    expect(result.stdout + result.stderr).toBe('');
  });

  it("gives a loaded plugin sweeptop's own helpers at run time", async () => {
    temp.file(
      'acc.mjs',
      `import { parseMetricNumber, PluginOptionError } from 'sweeptop/plugin';
export default {
  name: 'acc', kind: 'parser',
  create: () => ({
    parse(line) {
      if (!line.startsWith('acc ')) return null;
      if (typeof PluginOptionError !== 'function') throw new Error('no PluginOptionError');
      const [value, step] = line.slice(4).split(' ');
      return { points: [{ name: 'acc', step: Number(step), value: parseMetricNumber(value) }] };
    },
  }),
};
`,
    );
    temp.file('sweep.yaml', 'command: "true"\nparameters: {x: [1]}\nsampler: grid\nmetric: acc\nplugins: [./acc.mjs]\nparsers: [acc]\n');
    temp.file('run.log', 'acc 0.5 1\nacc nan 2\n');
    const { code, stdout, stderr } = await runCli(['metrics', 'run.log', '--config', 'sweep.yaml', '--json'], { cwd: temp.path });
    // The objective check goes to stderr so that stdout stays pure JSON lines.
    expect([code, stderr]).toEqual([0, 'objective: acc = nan\n']);
    expect(
      stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toMatchObject([
      { name: 'acc', step: 1, value: 0.5 },
      { name: 'acc', step: 2, value: 'nan' },
    ]);
  });
});
