/**
 * The zsh and fish scripts parse (`zsh -n`, `fish -n`), and fish, which can complete a command
 * line without a terminal (`complete -C`), completes `sweeptop at` to attach and then the sweep
 * directory of the registry. Where a shell is missing its test is skipped, saying so; CI installs
 * both (.ci/run), so there it is an error instead.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerSweep } from '../../../src/engine/control/registry.js';
import { CLI, TempDir } from '../../helpers/sweep.js';

const has = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0;
const missing = ['zsh', 'fish'].filter((shell) => !has(shell));
if (missing.length && process.env.CI === 'true')
  throw new Error(`CI must check the ${missing.join(' and ')} completion, but it is not installed`);
for (const shell of missing)
  console.warn(`skipped: ${shell} is not installed (apt-get install ${shell}), so its completion script is not checked`);

let temp: TempDir;
beforeEach(() => (temp = new TempDir()));
afterEach(() => temp.remove());

function script(shell: string): string {
  const file = join(temp.path, `sweeptop.${shell}`);
  const printed = spawnSync(process.execPath, [CLI, 'completion', shell], { encoding: 'utf8' });
  expect(printed.status).toBe(0);
  temp.file(`sweeptop.${shell}`, printed.stdout);
  return file;
}

describe('the completion scripts', () => {
  it.skipIf(missing.includes('zsh'))('zsh: parses', () => {
    const checked = spawnSync('zsh', ['-n', script('zsh')], { encoding: 'utf8' });
    expect([checked.status, checked.stderr]).toEqual([0, '']);
  });

  it.skipIf(missing.includes('fish'))('fish: parses, and completes a command and a sweep directory', async () => {
    const file = script('fish');
    const parsed = spawnSync('fish', ['--no-config', '-n', file], { encoding: 'utf8' });
    expect([parsed.status, parsed.stderr]).toEqual([0, '']);

    mkdirSync(join(temp.path, 'bin'));
    symlinkSync(CLI, join(temp.path, 'bin', 'sweeptop'));
    const sweep = join(temp.path, 'night-run');
    mkdirSync(sweep);
    const env = {
      ...process.env,
      HOME: temp.path,
      XDG_STATE_HOME: join(temp.path, 'state'),
      PATH: `${join(temp.path, 'bin')}:${process.env.PATH}`,
    };
    await registerSweep({ dir: sweep, name: 'night-run', createdAt: 1 }, { env });
    const completions = (line: string) =>
      spawnSync('fish', ['--no-config', '-c', `source ${file}; complete -C '${line}'`], { cwd: '/', env, encoding: 'utf8' }).stdout;
    expect(completions('sweeptop at')).toBe('attach\n');
    expect(completions('sweeptop attach ')).toBe(`${sweep.slice(1)}\n`);
  });
});
