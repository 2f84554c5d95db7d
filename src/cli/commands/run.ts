/**
 * `sweeptop run [FILE] [--dir DIR] [--headless] [--detach] [--dry-run]`: validate the sweep file,
 * create the sweep directory, and run the sweep — in a detached controller with the TUI attached
 * (on a terminal), in a detached controller only (`--detach`, prints the directory), or in this
 * process printing lines (`--headless`, or no terminal). Exit 0 when it ran to its end, 2 for bad
 * input, 1 if sweeptop itself failed, 130 when stopped by Ctrl-C (SIGINT), 143 by SIGTERM.
 */
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { resolveSweep } from '../../engine/config/resolve.js';
import { readSweepFile, type LoadedConfig } from '../../engine/config/load.js';
import { enqueuedRows } from '../../engine/config/enqueue-file.js';
import type { Sampler } from '../../plugin-api/sampler.js';
import { readWarmStart, WarmStartError, type WarmStart } from '../../engine/sweep/warm-start.js';
import { UserError } from '../../engine/errors.js';
import { createSweepDirectory } from '../../engine/state/sweep-origin.js';
import { reproducibilityRecord } from '../../engine/sweep/reproducibility.js';
import { Sweep } from '../../engine/sweep/sweep.js';
import { parseCommandArgs } from '../args/parse.js';
import { RUN } from '../command-table.js';
import { attachTui } from '../attach-tui.js';
import { printDryRun } from '../dry-run.js';
import { runSweepInForeground } from '../foreground.js';
import { println, type CommandIO } from '../io.js';
import { spawnController } from '../spawn-controller.js';

export interface RunFlags {
  dir?: string;
  headless?: boolean;
  detach?: boolean;
  'dry-run'?: boolean;
  /** Earlier sweep directories, relative to the current folder, after the sweep file's `warm_start`. */
  'warm-start'?: string[];
  /** The demo: quitting the TUI stops the sweep rather than leaving it running. */
  stopOnQuit?: boolean;
}

export async function runRun(args: string[], io: CommandIO): Promise<number> {
  const {
    options,
    args: { FILE },
  } = parseCommandArgs(RUN, args);
  const file = FILE ?? 'sweep.yaml';
  if (!existsSync(file)) throw noSweepFile(file);
  return runSweepFile(file, options, io);
}

const LISTED_AT_MOST = 10;

/** A sweep file that is not there, with the YAML files its folder has: most often one of them was meant. */
function noSweepFile(file: string): UserError {
  const folder = dirname(resolve(file));
  let names: string[] = [];
  try {
    names = readdirSync(folder)
      .filter((name) => /\.ya?ml$/i.test(name))
      .sort();
  } catch {
    // the folder itself is missing: there is nothing to list
  }
  const more = names.length > LISTED_AT_MOST ? ` and ${names.length - LISTED_AT_MOST} more` : '';
  const seen = names.length
    ? `the YAML files in ${folder}: ${names.slice(0, LISTED_AT_MOST).join(', ')}${more}; \`sweeptop run FILE\` runs one`
    : `${folder} has no YAML file; the README's "Your first sweep" shows a sweep.yaml`;
  return new UserError(`${file}: no such file; ${seen}`);
}

export async function runSweepFile(file: string, flags: RunFlags, io: CommandIO): Promise<number> {
  const loaded = await readSweepFile(file);
  const configText = await readFile(loaded.config.path, 'utf8');
  const dir = resolve(flags.dir ?? join('sweeps', `${loaded.config.name}-${timestamp(new Date())}`));
  let sweep: Sweep | undefined;
  const resolved = await resolveSweep(loaded, configText, { sweepDir: dir, stopLaunching: (reason) => sweep?.stopLaunching(reason) });
  for (const note of resolved.pluginNotes) io.stderr.write(`sweeptop: note: ${note}\n`);
  resolved.warmStart = await warmStartOf(loaded, resolved.sampler, flags['warm-start'] ?? [], io);
  const enqueued = enqueuedRows(loaded);
  // a dry run that passes promises a run that starts: the same refusal, before anything is printed
  if (existsSync(dir)) throw new UserError(`${dir} already exists; \`sweeptop resume ${dir}\` continues a sweep, or choose another --dir`);
  if (flags['dry-run']) {
    printDryRun(resolved, dir, io.stdout, enqueued);
    return 0;
  }
  const origin = {
    sweepFile: { file: loaded.config.file, path: loaded.config.path },
    text: configText,
    createdAt: Date.now(),
    reproducibility: reproducibilityRecord(loaded.config.cwd),
    ...(flags['warm-start']?.length && { warmStartFlags: flags['warm-start'].map((d) => resolve(d)) }),
  };
  createSweepDirectory(dir, origin);
  sweep = new Sweep({ resolved, dir, reproducibility: origin.reproducibility, createdAt: origin.createdAt });
  if (enqueued.length > 0) {
    sweep.enqueue(enqueued);
    // on disk before any trial starts: the rows are queued trials from now on, which a resume
    // runs once each — and a resume that found no sweep.json would not know them at all
    await sweep.persist();
  }
  return launchSweep(sweep, flags, io);
}

/**
 * The sweep file's `warm_start` directories, then `--warm-start`'s: a problem with one is a
 * ConfigError at its line, or names the flag. The notices go out once, before the sweep starts.
 */
async function warmStartOf(loaded: LoadedConfig, sampler: Sampler, flagged: string[], io: CommandIO): Promise<WarmStart | null> {
  const fromFile = loaded.config.warmStart;
  const dirs = [...fromFile, ...flagged.map((dir) => resolve(dir))];
  if (dirs.length === 0) return null;
  let reading: Awaited<ReturnType<typeof readWarmStart>>;
  try {
    reading = await readWarmStart(dirs, loaded.config);
  } catch (error) {
    if (!(error instanceof WarmStartError)) throw error;
    if (error.index < fromFile.length) throw loaded.source.error(['warm_start', error.index], error.message);
    throw new UserError(`--warm-start ${error.message}`);
  }
  for (const notice of reading.notices) io.stderr.write(`sweeptop: note: ${notice}\n`);
  if (sampler.learnsFromHistory === false) {
    io.stderr.write(
      `sweeptop: note: warm start: the ${loaded.config.sampler.type} sampler does not learn from earlier trials; they change none of its suggestions\n`,
    );
  }
  return reading.warmStart;
}

/** The three ways to run a sweep that is ready in its directory. */
export async function launchSweep(sweep: Sweep, flags: RunFlags, io: CommandIO, controllerArgs: string[] = []): Promise<number> {
  const headless = !flags.detach && (flags.headless || !process.stdout.isTTY || !process.stdin.isTTY);
  if (headless) return runSweepInForeground(sweep, io);
  await sweep.persist();
  await spawnController(sweep.dir, controllerArgs);
  if (flags.detach) {
    println(io.stdout, sweep.dir);
    return 0;
  }
  return attachTui(sweep.dir, io, { detachable: !flags.stopOnQuit });
}

/** YYYYmmdd-HHMMSS in local time. */
export function timestamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}
