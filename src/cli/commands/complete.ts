/**
 * `sweeptop __complete -- WORDS…`: what the completion scripts ask at each Tab. It prints the
 * candidates one a line and nothing else, and never fails loudly: a message on a Tab would be
 * drawn into the middle of the command line being typed.
 */
import { COMMAND_TABLE } from '../command-table.js';
import { completionCandidates } from '../completion/candidates.js';
import { completionSources } from '../completion/sources.js';
import type { CommandIO } from '../io.js';

export async function runComplete(args: string[], io: CommandIO): Promise<number> {
  const words = args[0] === '--' ? args.slice(1) : args;
  let candidates: string[];
  try {
    candidates = await completionCandidates(COMMAND_TABLE, words.length ? words : [''], completionSources());
  } catch {
    // an unreadable registry or sweep.json: nothing to offer but file names
    return 0;
  }
  io.stdout.write(candidates.map((candidate) => `${candidate}\n`).join(''));
  return 0;
}
