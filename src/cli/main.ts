#!/usr/bin/env node
/**
 * The `sweeptop` command. Each subcommand is loaded only when used, so `--version` answers at
 * once and Ink/React load only when the TUI starts.
 */
import { describeError, UserError } from '../engine/errors.js';
import { didYouMean } from '../engine/config/nearest.js';
import { SWEEPTOP_VERSION } from '../engine/version.js';
import type { Command, CommandIO } from './io.js';
import { CONTROLLER_COMMAND } from './controller-command.js';

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  run: { summary: 'run a sweep file (TUI on a terminal, --headless otherwise)', load: async () => (await import('./commands/run.js')).runRun },
  resume: { summary: 'continue a sweep directory (after a crash, a stop, or with more trials)', load: async () => (await import('./commands/resume.js')).runResume },
  attach: { summary: 'the live view of a running sweep, from any terminal', load: async () => (await import('./commands/attach.js')).runAttach },
  stop: { summary: 'stop a sweep and every trial process it has', load: async () => (await import('./commands/stop.js')).runStop },
  ctl: { summary: 'pause, resume, kill, promote or add trials from a script', load: async () => (await import('./commands/ctl.js')).runCtl },
  ls: { summary: 'your sweeps and their state', load: async () => (await import('./commands/ls.js')).runLs },
  demo: { summary: 'run the bundled demo sweep in a temporary folder', load: async () => (await import('./commands/demo.js')).runDemo },
  status: { summary: 'the trial table of a sweep directory', load: async () => (await import('./commands/status.js')).runStatus },
  best: { summary: 'the best trial and the command to re-run it', load: async () => (await import('./commands/best.js')).runBest },
  export: { summary: 'one row per trial as CSV or JSON', load: async () => (await import('./commands/export.js')).runExport },
  metrics: { summary: 'show the metrics sweeptop extracts from a log file', load: async () => (await import('./commands/metrics.js')).runMetrics },
  replay: { summary: 'replay recorded curves through a pruner', load: async () => (await import('./commands/replay.js')).runReplay },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  return [
    'usage: sweeptop <command> [options]',
    '',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'sweeptop <command> --help shows a command\'s options; sweeptop --version its version.',
  ].join('\n');
}

export async function main(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V') {
    io.stdout.write(`${SWEEPTOP_VERSION}\n`);
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(usage() + '\n');
    return name === undefined ? 2 : 0;
  }
  if (name === CONTROLLER_COMMAND) return (await import('./commands/controller.js')).runControllerCommand(rest, io);
  const command = COMMANDS[name];
  if (!command) throw new UserError(`unknown command "${name}"${didYouMean(name, Object.keys(COMMANDS))}`);
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`sweeptop ${name}: ${command.summary}\nsee README.md for its options\n`);
    return 0;
  }
  return (await command.load())(rest, io);
}

function exitWith(code: number): void {
  process.exitCode = code;
  // Leftover handles (a watcher being closed) must not keep a finished command alive.
  setTimeout(() => process.exit(code), 2000).unref();
}

// `sweeptop export DIR | head`: the reader left; that is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

const io: CommandIO = { stdout: process.stdout, stderr: process.stderr };
main(process.argv.slice(2), io).then(exitWith, (error: unknown) => {
  if (error instanceof UserError) {
    io.stderr.write(`sweeptop: ${error.message}\n`);
    exitWith(error.exitCode);
    return;
  }
  io.stderr.write(`sweeptop: internal error: ${describeError(error)}\n`);
  if (process.env.SWEEPTOP_DEBUG) io.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
  else io.stderr.write('(set SWEEPTOP_DEBUG=1 for the stack trace)\n');
  exitWith(1);
});
