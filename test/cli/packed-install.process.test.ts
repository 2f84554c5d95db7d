/**
 * The package as a user gets it: `npm pack`, then `npm install -g` of the tarball into a prefix
 * of its own, with install scripts refused, and `sweeptop --help` and `sweeptop demo --headless`
 * run from there, in a folder far from the clone — so the installed files, and only they, must
 * suffice: no TypeScript, no dev dependency, nothing of the clone's node_modules.
 *
 * It took 54 s on two cores at load 15, 90 s at load 25 (at load 15, about 20 s of it `npm
 * install` of the 79 runtime packages from npm's cache, 15 s the demo). The demo is stopped once its first trials end: that
 * already needs every file the demo has (the trainer, its modules, the sweep file); the demo's
 * whole course is test/cli/demo.process.test.ts's.
 */
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TempDir } from '../helpers/sweep.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let temp: TempDir;
beforeEach(() => (temp = new TempDir()));
afterEach(() => temp.remove());

interface PackedFile {
  path: string;
}

function npm(args: string[], options: SpawnSyncOptions): string {
  const result = spawnSync('npm', args, { encoding: 'utf8', timeout: 150_000, ...options });
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} exited ${result.status}:\n${result.stderr}`);
  return result.stdout as string;
}

describe('the packed tarball', () => {
  it('carries only what runs, installs without scripts and runs --help and the demo from elsewhere', async () => {
    // --ignore-scripts: `npm test` has just built dist/, and prepack would delete and rebuild it
    // under the tests running beside this one
    const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', temp.path], { cwd: ROOT })) as Array<{
      filename: string;
      files: PackedFile[];
    }>;
    const files = packed[0].files.map((f) => f.path);
    for (const needed of [
      'dist/src/cli/main.js',
      'dist/ui.cjs',
      'dist/yoga.wasm',
      'dist/plugins/registry.js',
      'dist/src/plugin-api/index.d.ts',
      'docs/reference/sweep.schema.json',
      'docs/README.md',
      'fixtures/train.mjs',
      'fixtures/sweeps/demo.yaml',
      'README.md',
    ])
      expect(files).toContain(needed);
    const unwanted = files.filter((f) => /^(src|test|bench|scripts|plugins|\.ci)\//.test(f) || (/\.tsx?$/.test(f) && !f.endsWith('.d.ts')));
    expect(unwanted).toEqual([]);
    expect(files.filter((f) => f.startsWith('fixtures/') && !/^fixtures\/(train\.mjs|lib\/|sweeps\/demo\.yaml$)/.test(f))).toEqual([]);

    const prefix = join(temp.path, 'prefix');
    // --prefer-offline: CI has just run `npm ci`, so npm's cache holds every runtime dependency;
    // the registry is asked only for what the cache lacks. --ignore-scripts: as a cautious user
    // (and recent npm, for global installs) would; the package must not need any.
    npm(
      [
        'install',
        '-g',
        '--prefix',
        prefix,
        '--ignore-scripts',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        join(temp.path, packed[0].filename),
      ],
      { cwd: temp.path },
    );
    const installed = join(prefix, 'lib', 'node_modules', 'sweeptop');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
      scripts?: Record<string, string>;
    };
    // what an installing npm would run (or ask about): none
    expect(Object.keys(manifest.scripts ?? {}).filter((s) => /^(pre|post)?(install|prepare)$/.test(s))).toEqual([]);

    const elsewhere = join(temp.path, 'elsewhere');
    mkdirSync(elsewhere);
    const env = {
      ...process.env,
      PATH: `${join(prefix, 'bin')}${delimiter}${process.env.PATH}`,
      XDG_STATE_HOME: join(temp.path, 'state'),
      NODE_PATH: '',
    };
    const help = spawnSync('sweeptop', ['--help'], { cwd: elsewhere, env, encoding: 'utf8' });
    expect([help.status, help.stderr]).toEqual([0, '']);
    expect(help.stdout).toMatch(/^usage: sweeptop <command>/);
    // what the completion scripts ask at each Tab
    const completed = spawnSync('sweeptop', ['__complete', '--', 'at'], { cwd: elsewhere, env, encoding: 'utf8' });
    expect([completed.status, completed.stdout, completed.stderr]).toEqual([0, 'attach\n', '']);

    // the bundle the TUI loads, with the dependencies the install brought
    const bundle = spawnSync(
      process.execPath,
      ['-e', `console.log(typeof require(${JSON.stringify(join(installed, 'dist', 'ui.cjs'))}).mountApp)`],
      {
        cwd: elsewhere,
        env,
        encoding: 'utf8',
      },
    );
    expect([bundle.stdout.trim(), bundle.stderr]).toEqual(['function', '']);

    const dir = join(temp.path, 'demo');
    const demo = spawn('sweeptop', ['demo', '--headless', '--dir', dir], { cwd: elsewhere, env: { ...env, CI: 'true' } });
    let stdout = '';
    let stderr = '';
    demo.stdout.on('data', (d) => (stdout += d));
    demo.stderr.on('data', (d) => (stderr += d));
    const ended = new Promise<number | null>((resolve) => demo.on('close', resolve));
    await vi.waitFor(() => expect(stdout).toMatch(/ trial \d+ completed +val_loss=/), { timeout: 60_000, interval: 200 });
    const stop = spawnSync('sweeptop', ['stop', dir], { cwd: elsewhere, env, encoding: 'utf8', timeout: 30_000 });
    expect([stop.status, stop.stderr]).toEqual([0, '']);
    expect([await ended, stderr]).toEqual([0, '']);
    // the winner's command runs the installed trainer, not the clone's
    expect(stdout).toContain(`cd ${join(installed, 'fixtures')} && node train.mjs --lr `);
    expect(stdout).toContain(`sweep directory: ${dir}\n`);
  }, 180_000);
});
