/** `sweeptop ls [--json]`: your sweeps, from the registry, with their state. */
import { listSweeps } from '../../engine/control/registry.js';
import { parseCommandArgs } from '../args.js';
import { println, type CommandIO } from '../io.js';
import { textTable } from '../text-table.js';

const HINT: Record<string, string> = {
  live: 'sweeptop attach DIR',
  elsewhere: 'running on host HOST (cannot be checked from here)',
  dead: 'controller dead: sweeptop resume DIR',
  finished: '',
  missing: 'directory gone',
};

export async function runLs(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(args, { json: { type: 'boolean' } }, 'sweeptop ls [--json]');
  const sweeps = await listSweeps();
  if (values.json) {
    println(io.stdout, JSON.stringify(sweeps, null, 2));
    return 0;
  }
  if (sweeps.length === 0) {
    println(io.stdout, 'no sweeps yet');
    return 0;
  }
  println(
    io.stdout,
    textTable(
      [{ header: 'state' }, { header: 'name' }, { header: 'started' }, { header: 'dir' }, { header: '' }],
      sweeps.map((s) => [
        s.state,
        s.name,
        new Date(s.createdAt).toISOString().slice(0, 16).replace('T', ' '),
        s.dir,
        HINT[s.state].replace('DIR', s.dir).replace('HOST', s.host ?? ''),
      ]),
    ),
  );
  return 0;
}
