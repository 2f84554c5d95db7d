/**
 * The per-user list of sweeps, for `sweeptop ls` and the commands that default to a sweep of the
 * current folder: `$XDG_STATE_HOME/sweeptop/sweeps.jsonl` (default
 * `~/.local/state/sweeptop/sweeps.jsonl`), one `{"dir","name","createdAt","startedIn"}` line
 * appended per controller start. The file is only a list of
 * places: each sweep's state is read from its directory when listed, and a damaged line is
 * skipped rather than failing the listing.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { appendFile, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { controllerState } from '../state/controller-lock.js';
import { readSweepHead } from '../state/sweep-head.js';

export interface RegisteredSweep {
  dir: string;
  name: string;
  /** Unix ms. */
  createdAt: number;
  /** The folder `run` or `resume` was typed in; absent in lines written before it was recorded. */
  startedIn?: string;
}

/**
 * live: its controller runs here; elsewhere: a controller on another host holds it (which cannot
 * be checked from here); finished: it ran to the end; dead: none of these; missing: its directory
 * is gone.
 */
export type SweepState = 'live' | 'elsewhere' | 'finished' | 'dead' | 'missing';

export interface ListedSweep extends RegisteredSweep {
  state: SweepState;
  /** The live controller's pid. */
  pid: number | null;
  /** The host of a controller `elsewhere`. */
  host?: string;
}

export interface RegistryOptions {
  /** Where XDG_STATE_HOME and HOME are read from. @default process.env */
  env?: NodeJS.ProcessEnv;
}

export function registryPath(env: NodeJS.ProcessEnv = process.env): string {
  // the XDG spec says a relative XDG_STATE_HOME is invalid and must be ignored
  const base = env.XDG_STATE_HOME && isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : join(env.HOME || homedir(), '.local', 'state');
  return join(base, 'sweeptop', 'sweeps.jsonl');
}

export async function registerSweep(sweep: RegisteredSweep, options: RegistryOptions = {}): Promise<void> {
  const path = registryPath(options.env);
  // the list names the user's projects: private, like the sweeps themselves
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const line = JSON.stringify({ dir: resolve(sweep.dir), name: sweep.name, createdAt: sweep.createdAt, startedIn: sweep.startedIn });
  // one short write with O_APPEND: concurrent controllers do not interleave their lines
  await appendFile(path, line + '\n', { mode: 0o600 });
}

/** Every registered sweep, newest first, with its state now. */
export async function listSweeps(options: RegistryOptions = {}): Promise<ListedSweep[]> {
  return Promise.all((await registeredSweeps(options)).map(withState));
}

/**
 * Every registered sweep, newest first, as the registry names it: no sweep directory is read
 * (shell completion asks at each Tab, and must not wait for a hundred old sweeps' sweep.json).
 */
export async function registeredSweeps(options: RegistryOptions = {}): Promise<RegisteredSweep[]> {
  const byDir = new Map<string, RegisteredSweep>();
  for (const sweep of await readRegistry(registryPath(options.env))) {
    byDir.delete(sweep.dir);
    byDir.set(sweep.dir, sweep);
  }
  return [...byDir.values()].sort((a, b) => b.createdAt - a.createdAt);
}

/** The sweeps whose controller is alive, newest first: a bare `sweeptop attach` takes the first. */
export async function liveSweeps(options: RegistryOptions = {}): Promise<ListedSweep[]> {
  return (await listSweeps(options)).filter((sweep) => sweep.state === 'live');
}

async function readRegistry(path: string): Promise<RegisteredSweep[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return [];
  }
  const sweeps: RegisteredSweep[] = [];
  for (const line of text.split('\n')) {
    const sweep = parseLine(line);
    if (sweep) sweeps.push(sweep);
  }
  return sweeps;
}

function parseLine(line: string): RegisteredSweep | null {
  try {
    const value = JSON.parse(line) as Partial<RegisteredSweep> | null;
    if (typeof value?.dir !== 'string' || !isAbsolute(value.dir)) return null;
    const createdAt = typeof value.createdAt === 'number' && Number.isFinite(value.createdAt) ? value.createdAt : 0;
    const startedIn = typeof value.startedIn === 'string' && isAbsolute(value.startedIn) ? value.startedIn : undefined;
    return { dir: value.dir, name: typeof value.name === 'string' ? value.name : value.dir, createdAt, ...(startedIn && { startedIn }) };
  } catch {
    // a line cut short by a crash, or edited by hand
    return null;
  }
}

async function withState(sweep: RegisteredSweep): Promise<ListedSweep> {
  if (!existsSync(sweep.dir)) return { ...sweep, state: 'missing', pid: null };
  const controller = controllerState(sweep.dir);
  if (controller.kind === 'here') return { ...sweep, state: 'live', pid: controller.lock.pid };
  if (controller.kind === 'elsewhere') return { ...sweep, state: 'elsewhere', pid: null, host: controller.lock.host };
  // a directory that cannot be read (damaged, or of a newer format) is listed, not fatal
  const head = await readSweepHead(sweep.dir).catch(() => null);
  return { ...sweep, state: head?.document?.phase === 'finished' ? 'finished' : 'dead', pid: null };
}
