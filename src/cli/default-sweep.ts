/**
 * The sweep a command means when it is given no DIR: one started from the current folder, as a
 * person who typed `sweeptop run` there and comes back to it expects — not the newest sweep of
 * another project. Read from the per-user registry (engine/control/registry.ts).
 */
import { isAbsolute, relative } from 'node:path';
import { listSweeps, type ListedSweep, type RegisteredSweep } from '../engine/control/registry.js';
import { UserError } from '../engine/errors.js';
import type { CommandIO } from './io.js';

/**
 * Started from `folder`; a registry line written before the folder was recorded counts when the
 * sweep directory lies inside it (`run`'s default is `sweeps/<name>-<time>` there).
 */
export function startedFrom(sweep: Pick<RegisteredSweep, 'dir' | 'startedIn'>, folder: string): boolean {
  if (sweep.startedIn !== undefined) return sweep.startedIn === folder;
  const inside = relative(folder, sweep.dir);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
}

/** The sweeps started from `folder` whose directories still exist, newest first. */
export async function sweepsStartedFrom(folder: string): Promise<ListedSweep[]> {
  return (await listSweeps()).filter((sweep) => sweep.state !== 'missing' && startedFrom(sweep, folder));
}

/** `status`, `best`, `export`, `ctl`: the newest sweep started here, named on stderr when it was one of several. */
export async function newestSweepHere(io: CommandIO, folder = process.cwd()): Promise<string> {
  const here = await sweepsStartedFrom(folder);
  if (here.length === 0) throw new UserError(`no sweep was started from ${folder}; give its directory (\`sweeptop ls\` lists your sweeps)`);
  if (here.length > 1)
    io.stderr.write(
      `sweeptop: ${here[0].dir} (the newest of ${here.length} sweeps started from this folder; \`sweeptop ls\` lists them)\n`,
    );
  return here[0].dir;
}

/** `stop`: the live sweep started here, only when there is exactly one — stopping is not undone by a guess. */
export async function onlyLiveSweepHere(folder = process.cwd()): Promise<string> {
  const live = (await sweepsStartedFrom(folder)).filter((sweep) => sweep.state === 'live');
  if (live.length === 1) return live[0].dir;
  if (live.length === 0)
    throw new UserError(`no live sweep was started from ${folder}; \`sweeptop stop DIR\` names one (\`sweeptop ls\` lists your sweeps)`);
  throw new UserError(
    `${live.length} live sweeps were started from ${folder}: ${live.map((s) => s.dir).join(', ')}; \`sweeptop stop DIR\` names the one to stop`,
  );
}

export interface SweepToAttach {
  dir: string;
  /** Why this one, when it was a choice among several or came from another folder. */
  notice?: string;
}

/** `attach`: the newest live sweep started here, else the newest live one anywhere. */
export async function liveSweepToAttach(folder = process.cwd()): Promise<SweepToAttach> {
  const live = (await listSweeps()).filter((sweep) => sweep.state === 'live');
  const here = live.filter((sweep) => startedFrom(sweep, folder));
  if (here.length > 0) {
    const others = live.length - 1;
    const notice =
      here.length > 1
        ? `the newest of ${here.length} live sweeps started from this folder; \`sweeptop ls\` lists the ${others === 1 ? 'other' : `other ${others}`}`
        : undefined;
    return { dir: here[0].dir, notice };
  }
  if (live.length === 0) throw new UserError('no live sweep to attach to; `sweeptop ls` lists your sweeps');
  const elsewhere = `none was started from this folder: the newest of ${live.length} live sweep${live.length === 1 ? '' : 's'}, started from ${live[0].startedIn ?? 'another folder'}`;
  return { dir: live[0].dir, notice: elsewhere };
}
