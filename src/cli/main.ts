#!/usr/bin/env node
/**
 * The `sweeptop` command. Each subcommand is loaded only when used, so `--version` answers at
 * once and Ink/React load only when the TUI starts.
 */
import { describeError, UserError } from '../engine/errors.js';
import { didYouMean } from '../engine/config/nearest.js';
import { SWEEPTOP_VERSION } from '../engine/version.js';
import type { CommandIO } from './io.js';
import { guardProcessOutput } from './output-guard.js';
import { isDiskFull } from '../engine/state/disk-pressure.js';

export async function main(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V') {
    io.stdout.write(`${SWEEPTOP_VERSION}\n`);
    return 0;
  }
  // loaded after --version, which then reads no more than it did before commands were declared
  const { COMMAND_TABLE } = await import('./command-table.js');
  const { commandHelp, topUsage } = await import('./args/help.js');
  const { COMMAND_LOADERS } = await import('./command-loaders.js');
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(topUsage(COMMAND_TABLE) + '\n');
    return name === undefined ? 2 : 0;
  }
  const declaration = COMMAND_TABLE.find((c) => c.name === name);
  if (!declaration) {
    throw new UserError(
      `unknown command "${name}"${didYouMean(
        name,
        COMMAND_TABLE.filter((c) => !c.hidden).map((c) => c.name),
      )}`,
    );
  }
  if (asksForHelp(rest)) {
    io.stdout.write(commandHelp(declaration));
    return 0;
  }
  return (await COMMAND_LOADERS[name]())(rest, io);
}

/** `--help` or `-h` anywhere before a `--`. */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

function exitWith(code: number): void {
  process.exitCode = code;
  // Leftover handles (a watcher being closed) must not keep a finished command alive. But output
  // a slow reader has not taken yet waits in this process (writes to a pipe a Node parent made
  // are asynchronous) and process.exit() would drop it: the clock starts once stdout is flushed.
  process.stdout.write('', () => setTimeout(() => process.exit(code), 2000).unref());
}

guardProcessOutput();
const io: CommandIO = { stdout: process.stdout, stderr: process.stderr };
main(process.argv.slice(2), io).then(exitWith, (error: unknown) => {
  if (error instanceof UserError) {
    io.stderr.write(`sweeptop: ${error.message}\n`);
    exitWith(error.exitCode);
    return;
  }
  if (isDiskFull(error)) {
    // no stack trace: nothing is wrong but the room on a disk (`resume` says where beforehand)
    io.stderr.write(`sweeptop: disk full: ${(error as Error).message}; free some space and try again\n`);
    exitWith(1);
    return;
  }
  io.stderr.write(`sweeptop: internal error: ${describeError(error)}\n`);
  if (process.env.SWEEPTOP_DEBUG) io.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
  else io.stderr.write('(set SWEEPTOP_DEBUG=1 for the stack trace)\n');
  exitWith(1);
});
