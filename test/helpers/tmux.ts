/** A real terminal for end-to-end tests: a private tmux server, its panes read as a person would. */
import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { vi } from 'vitest';

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

export class Tmux {
  private readonly socket = `sweeptop-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  run(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** A detached session running `command` (with CI unset: Ink draws nothing under CI=true). */
  start(session: string, command: string, width = 120, height = 35): void {
    this.run(
      'new-session',
      '-d',
      '-s',
      session,
      '-x',
      String(width),
      '-y',
      String(height),
      `env -u CI -u CONTINUOUS_INTEGRATION ${command}; echo "EXITED $?"; sleep 600`,
    );
  }

  screen(session: string): string {
    return this.run('capture-pane', '-p', '-t', session);
  }

  keys(session: string, ...keys: string[]): void {
    this.run('send-keys', '-t', session, ...keys);
  }

  /** The pid of the process running in the session's pane (the shell, whose child is our command). */
  panePid(session: string): number {
    return Number(this.run('display-message', '-p', '-t', session, '#{pane_pid}').trim());
  }

  /** The screen once `check` holds; on timeout, fails with the last screen (vi.waitFor reports the last error). */
  waitFor(session: string, check: (text: string) => boolean, what: string, ms = 20_000): Promise<string> {
    return vi.waitFor(() => untilScreen(this.screen(session), check, what), { timeout: ms, interval: 100 });
  }

  kill(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server']);
  }
}

/**
 * After a TUI test whose sweep lives in `dir/sweep` (state in `dir/state`): the sweep stopped
 * with every trial process, the terminal closed, the folder removed.
 */
export function cleanUpTuiSweep(main: string, dir: string, tmux: Tmux): void {
  spawnSync(process.execPath, [main, 'stop', join(dir, 'sweep'), '--now'], {
    timeout: 30_000,
    env: { ...process.env, XDG_STATE_HOME: join(dir, 'state') },
  });
  tmux.kill();
  rmSync(dir, { recursive: true, force: true });
}

/** `text` when `check` holds it; else an error showing it, which vi.waitFor retries and, at its timeout, reports. */
export function untilScreen(text: string, check: (text: string) => boolean, what: string): string {
  if (check(text)) return text;
  throw new Error(`timed out waiting for ${what}; the screen:\n${text}`);
}
