/**
 * `sweeptop __complete -- WORDS…`: what the completion scripts ask at each Tab (the words after
 * `sweeptop`, the last one being typed, after `--` so that none is read as an option of this
 * command). It prints the candidates one a line and nothing else, and a sweep it cannot read
 * costs only its candidates: a message on a Tab would be drawn into the command line being typed.
 */
import { parseCommandArgs } from '../args/parse.js';
import { COMMAND_TABLE, COMPLETE } from '../command-table.js';
import { completionCandidates } from '../completion/candidates.js';
import { completionSources } from '../completion/sources.js';
import type { CommandIO } from '../io.js';

export async function runComplete(args: string[], io: CommandIO): Promise<number> {
  const { args: given } = parseCommandArgs(COMPLETE, args);
  let candidates: string[];
  try {
    candidates = await completionCandidates(COMMAND_TABLE, given.WORD, completionSources());
  } catch {
    // an unreadable registry or sweep.json: nothing to offer but file names
    return 0;
  }
  io.stdout.write(candidates.map((candidate) => `${candidate}\n`).join(''));
  return 0;
}
