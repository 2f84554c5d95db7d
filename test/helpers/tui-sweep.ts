/**
 * The setting of a TUI test: a temporary folder for its sweep files, its sweep directory
 * (`sweep/`) and its state home (`state/`, so the test's sweeps never meet the user's), a private
 * tmux server, and the built binary (npm run build) run with them. A sweep is run to its end
 * headless (CI=true, nothing drawn) and then opened by `attach`, or run in the terminal itself.
 * `cleanUp` stops the sweep with every trial process, closes the terminal and removes the folder.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { CLI } from './sweep.js';
import { cleanUpTuiSweep, Tmux } from './tmux.js';

export class TuiSweep {
  readonly dir: string;
  /** The sweep directory `attach` opens (and `run` writes, unless told another). */
  readonly sweep: string;
  /** XDG_STATE_HOME for every command run here. */
  readonly state: string;
  readonly tmux = new Tmux();

  /** `prefix` names the temporary folder, so a leftover one says which test left it. */
  constructor(prefix: string) {
    this.dir = mkdtempSync(join(tmpdir(), prefix));
    this.sweep = join(this.dir, 'sweep');
    this.state = join(this.dir, 'state');
  }

  /** Writes a sweep file (or any file) into the folder; its path. */
  write(name: string, text: string): string {
    const file = join(this.dir, name);
    writeFileSync(file, text);
    return file;
  }

  /** `sweeptop run FILE --headless --dir DIR` to its end, in the folder; fails the test unless it exits 0. */
  runHeadless(file: string, dir = this.sweep): SpawnSyncReturns<string> {
    const run = spawnSync(process.execPath, [CLI, 'run', file, '--headless', '--dir', dir], {
      cwd: this.dir,
      env: { ...process.env, XDG_STATE_HOME: this.state, CI: 'true' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    return run;
  }

  /** The sweep's trials as `sweeptop export --format json` gives them; fails the test unless it exits 0. */
  exportedTrials<Trial>(): Trial[] {
    const run = spawnSync(process.execPath, [CLI, 'export', this.sweep, '--format', 'json'], {
      env: { ...process.env, XDG_STATE_HOME: this.state },
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    return JSON.parse(run.stdout);
  }

  /** `sweeptop ARGS…` in a new tmux session (CI unset there, so Ink draws). Arguments are quoted for the shell. */
  start(session: string, args: readonly string[], width = 120, height = 35): void {
    const quoted = [process.execPath, CLI, ...args].map(shellQuote).join(' ');
    this.tmux.start(session, `XDG_STATE_HOME=${shellQuote(this.state)} ${quoted}`, width, height);
  }

  /** `sweeptop attach` on the sweep directory, in a new tmux session. */
  attach(session: string, width = 120, height = 35): void {
    this.start(session, ['attach', this.sweep], width, height);
  }

  cleanUp(): void {
    cleanUpTuiSweep(CLI, this.dir, this.tmux);
  }
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** A number as the screen shows it (rounded to the digits printed) is `value`. */
export function expectShown(shown: string, value: number): void {
  expect(shown, `a number for ${value}`).toMatch(/^-?\d/);
  const decimals = /\.(\d+)/.exec(shown)?.[1].length ?? 0;
  expect(Math.abs(Number(shown) - value), `${shown} for ${value}`).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-12);
}
