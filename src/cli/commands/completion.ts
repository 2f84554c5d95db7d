/** `sweeptop completion bash|zsh|fish`: the completion script, for a shell's start-up file. */
import { parseCommandArgs } from '../args/parse.js';
import { COMPLETION } from '../command-table.js';
import { completionScript, type Shell } from '../completion/shell-scripts.js';
import type { CommandIO } from '../io.js';

export async function runCompletion(args: string[], io: CommandIO): Promise<number> {
  const { args: given } = parseCommandArgs(COMPLETION, args);
  io.stdout.write(completionScript(given.SHELL as Shell));
  return 0;
}
