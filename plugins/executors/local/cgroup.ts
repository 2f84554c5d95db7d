/**
 * `kill_mode: cgroup`: each trial in a cgroup v2 of its own, created under the controller's own
 * cgroup. A process cannot leave a cgroup by setsid, a double fork or an empty environment, so
 * the cgroup holds everything the trial started: `cgroup.kill` ends all of it at once (frozen or
 * not), `cgroup.freeze` pauses all of it, and `cgroup.procs` says what is left. The trial's first
 * process enters the cgroup itself, before it runs anything (enterCgroupArgv), so nothing it
 * starts is ever outside.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { release } from 'node:os';
import { join, relative } from 'node:path';

/**
 * Writes its own pid into the cgroup, then becomes the trial (exec keeps the pid, so the
 * wrapper is still the group leader). If it cannot enter, the trial does not run.
 */
const ENTER_SCRIPT = 'echo $$ > "$1/cgroup.procs" || { echo "sweeptop: cannot enter the cgroup $1" >&2; exit 125; }\nshift\nexec "$@"';

export function enterCgroupArgv(cgroup: string, argv: readonly string[]): string[] {
  return ['/bin/sh', '-c', ENTER_SCRIPT, 'sweeptop-cgroup', cgroup, ...argv];
}

let checked: { base: string | null; reason: string | null } | undefined;

/**
 * Why trials cannot be put in cgroups here, in a phrase; null when they can. Checked once, for
 * real: a cgroup is created, a process moved into it, and the cgroup removed.
 */
export function cgroupUnavailable(): string | null {
  checked ??= checkCgroups();
  return checked.reason;
}

/** A new, empty cgroup for one trial; call only when cgroupUnavailable() is null. */
export function createTrialCgroup(label: string): string {
  if (cgroupUnavailable() !== null) throw new Error(`cgroups unavailable: ${checked!.reason}`);
  const path = join(checked!.base!, `sweeptop-${label}-${randomUUID().slice(0, 8)}`);
  mkdirSync(path);
  return path;
}

/** The pids in the cgroup; none when it is gone. */
export function cgroupPids(cgroup: string): number[] {
  try {
    return readFileSync(join(cgroup, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** SIGKILL to every process in the cgroup, at once, by the kernel (also to frozen ones). */
export function killCgroup(cgroup: string): void {
  writeQuietly(join(cgroup, 'cgroup.kill'), '1');
}

export function freezeCgroup(cgroup: string, frozen: boolean): void {
  writeQuietly(join(cgroup, 'cgroup.freeze'), frozen ? '1' : '0');
}

export function cgroupFrozen(cgroup: string): boolean {
  try {
    return readFileSync(join(cgroup, 'cgroup.freeze'), 'utf8').trim() === '1';
  } catch {
    return false;
  }
}

export function signalCgroup(cgroup: string, signal: NodeJS.Signals): void {
  for (const pid of cgroupPids(cgroup)) {
    try {
      process.kill(pid, signal);
    } catch {
      // gone meanwhile
    }
  }
}

/** Removes the cgroup once it is empty; false while a process is still in it. */
export function removeCgroup(cgroup: string): boolean {
  try {
    rmdirSync(cgroup);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/** Waits (polling) until the cgroup is empty and removes it; false if it was not within `ms`. */
export async function removeWhenEmpty(cgroup: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (cgroupPids(cgroup).length === 0 && removeCgroup(cgroup)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}

function writeQuietly(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch {
    // the cgroup is gone: so is everything that was in it
  }
}

function checkCgroups(): { base: string | null; reason: string | null } {
  const fail = (reason: string) => ({ base: null, reason });
  const mount = cgroup2Mount();
  if (!mount) return fail('no cgroup v2 hierarchy is mounted');
  const own = ownCgroup();
  if (own === null) return fail('this process is in no cgroup v2 (no "0::" line in /proc/self/cgroup)');
  const inside = relative(mount.root, own);
  if (inside.startsWith('..')) return fail(`this process's cgroup ${own} is outside the mounted cgroup v2 tree at ${mount.point}`);
  const base = join(mount.point, inside);
  const probe = join(base, `sweeptop-probe-${process.pid}-${randomUUID().slice(0, 8)}`);
  try {
    mkdirSync(probe);
  } catch (error) {
    return fail(`cannot create a cgroup in ${base} (${(error as NodeJS.ErrnoException).code}: not writable by this user)`);
  }
  try {
    if (!existsSync(join(probe, 'cgroup.kill'))) return fail(`cgroup.kill is missing: Linux ${release()} is older than 5.14`);
    const moved = spawnSync('/bin/sh', ['-c', 'echo $$ > "$1/cgroup.procs"', 'sweeptop-probe', probe], { encoding: 'utf8' });
    if (moved.status !== 0) {
      const why = (moved.stderr ?? '').trim().split('\n').at(-1) || `exit status ${moved.status}`;
      return fail(`cannot move a process into a cgroup under ${base} (${why.replace(/^.*?: /, '')})`);
    }
    return { base, reason: null };
  } finally {
    // the probe's process has been reaped; its cgroup may take a moment to report empty
    for (let i = 0; i < 100 && !removeCgroup(probe); i++) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
  }
}

/** The cgroup v2 mount: where it is mounted, and which cgroup is its root (a bind mount's is not "/"). */
function cgroup2Mount(): { point: string; root: string } | null {
  let text: string;
  try {
    text = readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return null;
  }
  for (const line of text.split('\n')) {
    const [before, after] = line.split(' - ');
    if (!after || after.split(' ')[0] !== 'cgroup2') continue;
    const fields = before.split(' ');
    return { root: unescapeMountPath(fields[3]), point: unescapeMountPath(fields[4]) };
  }
  return null;
}

function ownCgroup(): string | null {
  try {
    const line = readFileSync('/proc/self/cgroup', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('0::'));
    return line === undefined ? null : line.slice(3);
  } catch {
    return null;
  }
}

/** mountinfo writes space, tab, newline and backslash as octal escapes. */
function unescapeMountPath(path: string): string {
  return path.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}
