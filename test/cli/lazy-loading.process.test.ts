/**
 * The schema library (valibot) and the sweep file's declaration load only in commands that read
 * a sweep file: `--version` answers at once, and `attach` draws its first frame without them.
 * A Tab's completion of a command or an option loads what `--help` does and its own few modules.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI, TempDir } from '../helpers/sweep.js';

const RECORD = resolve('test/helpers/record-modules.mjs');

let temp: TempDir;
beforeEach(() => (temp = new TempDir()));
afterEach(() => temp.remove());

function modulesLoadedBy(args: string[]): string[] {
  const list = join(temp.path, 'modules.txt');
  spawnSync(process.execPath, ['--import', RECORD, CLI, ...args], {
    cwd: temp.path,
    env: { ...process.env, SWEEPTOP_TEST_MODULES: list },
    encoding: 'utf8',
  });
  return readFileSync(list, 'utf8').trim().split('\n');
}

const schemaModules = (urls: string[]) => urls.filter((url) => /node_modules\/valibot\/|\/config\/schema\//.test(url));

describe('loading the sweep file schema', () => {
  it.each([
    ['--version', ['--version']],
    ['attach', ['attach', 'no-such-sweep']],
  ])('is left out of %s', (_label, args) => {
    const loaded = modulesLoadedBy(args);
    expect(loaded.length).toBeGreaterThan(0);
    expect(schemaModules(loaded)).toEqual([]);
  });

  it('happens in run, which reads a sweep file', () => {
    expect(schemaModules(modulesLoadedBy(['run', resolve('fixtures/sweeps/demo.yaml'), '--dry-run'])).length).toBeGreaterThan(0);
  });
});

describe('completing a command line at each Tab', () => {
  const own = (urls: string[]) => new Set(urls.filter((url) => url.startsWith('file:')));

  it('loads what --help loads, the parser and its own modules, and no package', () => {
    const help = own(modulesLoadedBy(['--help']));
    const extra = [...own(modulesLoadedBy(['__complete', '--', 'run', '--d']))].filter((url) => !help.has(url));
    expect(extra.map((url) => url.replace(/^.*\/dist\//, '')).sort()).toEqual([
      'src/cli/args/parse.js',
      'src/cli/commands/complete.js',
      'src/cli/completion/candidates.js',
      'src/cli/completion/sources.js',
    ]);
  });
});
