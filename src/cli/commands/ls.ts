/** `sweeptop ls [--json]`: your sweeps, from the registry, with their state. */
import { listSweeps } from '../../engine/control/registry.js';
import { parseCommandArgs } from '../args/parse.js';
import { LS } from '../command-table.js';
import { println, type CommandIO } from '../io.js';
import { versioned } from '../output/json-output.js';
import { LS_JSON } from '../output/shapes.js';
import { textTable } from '../text-table.js';

const HINT: Record<string, string> = {
  live: 'sweeptop attach DIR',
  elsewhere: 'running on host HOST (cannot be checked from here)',
  dead: 'controller dead: sweeptop resume DIR',
  finished: '',
  missing: 'directory gone',
};

export async function runLs(args: string[], io: CommandIO): Promise<number> {
  const { options: values } = parseCommandArgs(LS, args);
  const sweeps = await listSweeps();
  if (values.json) {
    println(
      io.stdout,
      JSON.stringify(
        sweeps.map((sweep) => versioned(LS_JSON, 'sweep', sweep)),
        null,
        2,
      ),
    );
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
