/**
 * The bash completion as a person meets it: an interactive bash in a real terminal sources
 * `sweeptop completion bash`, then `sweeptop at<Tab>` becomes `sweeptop attach `, and a second Tab
 * the one sweep directory of the registry that still exists. A directory named like a command
 * substitution is inserted quoted, and nothing runs.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { registerSweep } from '../../src/engine/control/registry.js';
import { hasTmux, Tmux } from '../helpers/tmux.js';

const MAIN = resolve('dist/src/cli/main.js');
let dir: string;
let tmux: Tmux;

afterEach(() => {
  tmux.kill();
  rmSync(dir, { recursive: true, force: true });
});

/** The command line being typed: the last line that starts with the prompt (tmux drops trailing spaces). */
const commandLine = (screen: string) => screen.split('\n').findLast((line) => line.startsWith('$')) ?? '';

/** A bash in tmux, in `dir`, with `sweeptop` on its PATH (as an installed one is) and the completion sourced. */
async function bashWithCompletion(env: { XDG_STATE_HOME: string }): Promise<void> {
  mkdirSync(join(dir, 'bin'));
  symlinkSync(MAIN, join(dir, 'bin', 'sweeptop'));
  tmux.start(
    'bash',
    `sh -c 'cd ${dir} && exec env PATH=${join(dir, 'bin')}:${process.env.PATH} XDG_STATE_HOME=${env.XDG_STATE_HOME} PS1="$ " HISTFILE=/dev/null bash --norc --noprofile -i'`,
  );
  await tmux.waitFor('bash', (t) => t.startsWith('$'), 'the prompt');
  tmux.keys('bash', 'source <(sweeptop completion bash)', 'Enter');
  await tmux.waitFor('bash', (t) => t.split('\n').filter((line) => line.startsWith('$')).length === 2, 'the next prompt');
}

describe.skipIf(!hasTmux)('bash completion', () => {
  it('completes `sweeptop at` to attach, then to the sweep directory', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sweeptop-completion-'));
    tmux = new Tmux();
    const env = { XDG_STATE_HOME: join(dir, 'state') };
    const sweep = join(dir, 'night-run');
    cpSync(resolve('fixtures/sweep-dirs/v1'), sweep, { recursive: true });
    await registerSweep({ dir: join(dir, 'gone'), name: 'gone', createdAt: 1 }, { env });
    await registerSweep({ dir: sweep, name: 'night-run', createdAt: 2 }, { env });
    await bashWithCompletion(env);

    tmux.keys('bash', 'sweeptop at', 'Tab');
    await tmux.waitFor('bash', (t) => commandLine(t) === '$ sweeptop attach', 'attach completed');
    tmux.keys('bash', 'Tab');
    const screen = await tmux.waitFor('bash', (t) => commandLine(t) !== '$ sweeptop attach', 'the directory completed');
    // inside the folder bash runs in: relative to it
    expect(commandLine(screen)).toBe('$ sweeptop attach night-run');
  }, 60_000);

  it('inserts a hostile directory name quoted, running nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sweeptop-completion-'));
    tmux = new Tmux();
    const env = { XDG_STATE_HOME: join(dir, 'state') };
    const hostile = join(dir, "we ird$(touch pwned)'`touch pwned`");
    mkdirSync(hostile);
    await registerSweep({ dir: hostile, name: 'hostile', createdAt: 1 }, { env });
    await bashWithCompletion(env);

    tmux.keys('bash', 'sweeptop status ', 'Tab');
    const screen = await tmux.waitFor('bash', (t) => commandLine(t) !== '$ sweeptop status', 'the directory completed');
    expect(commandLine(screen)).toBe("$ sweeptop status we\\ ird\\$\\(touch\\ pwned\\)\\'\\`touch\\ pwned\\`");
    tmux.keys('bash', 'Enter');
    await tmux.waitFor('bash', (t) => /not a sweep directory/.test(t), 'status refusing the folder, named whole');
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
  }, 60_000);
});
