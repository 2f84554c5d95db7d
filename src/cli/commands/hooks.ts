/**
 * `sweeptop hooks test FILE EVENT`: the sweep file's hook for EVENT, fired once with a sample event
 * (hooks/sample-event.ts) exactly as a sweep would fire it, before anything is launched: its exit
 * status, then what it printed. Exit 0 when the hook succeeded, 1 when it failed.
 */
import { readSweepFile } from '../../engine/config/load.js';
import { HOOK_EVENTS, unknownEvent, type HookEvent } from '../../engine/config/schema/hooks.js';
import { didYouMean } from '../../engine/config/nearest.js';
import { UserError } from '../../engine/errors.js';
import { quoteArgv } from '../../engine/template/command.js';
import { formatDuration } from '../../plugin-api/duration.js';
import { actionUsage, usageLine } from '../args/help.js';
import { parseCommandArgs } from '../args/parse.js';
import { HOOKS, HOOKS_TEST } from '../command-table.js';
import { failed, runHook, type HookResult } from '../hooks/hook-process.js';
import { hookRun } from '../hooks/hook-runner.js';
import { sampleOccasion } from '../hooks/sample-event.js';
import { println, type CommandIO } from '../io.js';

export async function runHooks(args: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = args;
  if (name !== HOOKS_TEST.name) {
    // an option in the action's place is checked as every command's options are
    if (name?.startsWith('-')) parseCommandArgs(HOOKS, [name]);
    const problem = name === undefined ? 'expected a command; valid: test' : `unknown command "${name}"${didYouMean(name, ['test'])}`;
    throw new UserError(`hooks: ${problem}\nusage: ${usageLine(HOOKS)}`);
  }
  const { args: given } = parseCommandArgs(HOOKS_TEST, rest, `sweeptop hooks ${actionUsage(HOOKS_TEST)}`);
  const event = hookEvent(given.EVENT);
  const loaded = await readSweepFile(given.FILE);
  const hook = loaded.hooks[event];
  if (!hook) {
    const set = Object.keys(loaded.hooks);
    throw new UserError(`${given.FILE} has no hook for ${event}${set.length ? `; it has: ${set.join(', ')}` : '; its hooks: is empty'}`);
  }
  const run = hookRun(hook, sampleOccasion(event, loaded.config), loaded.config, process.env);
  println(io.stdout, `${event}: ${quoteArgv(run.argv)}`);
  const result = await runHook(run);
  println(io.stdout, outcome(result, hook.timeoutMs));
  section(io, 'stdout', result.stdout);
  section(io, 'stderr', result.stderr);
  return failed(result) ? 1 : 0;
}

function hookEvent(name: string): HookEvent {
  if ((HOOK_EVENTS as readonly string[]).includes(name)) return name as HookEvent;
  throw new UserError(`EVENT: ${unknownEvent(name)}`);
}

function outcome(result: HookResult, timeoutMs: number): string {
  const took = `(${formatDuration(result.durationMs)})`;
  if (result.error) return `could not start: ${result.error}`;
  if (result.timedOut) return `timed out after ${formatDuration(timeoutMs)}: its process group was killed ${took}`;
  if (result.signal) return `ended by ${result.signal} ${took}`;
  return `exit status ${result.exitCode} ${took}`;
}

function section(io: CommandIO, name: string, text: string): void {
  if (!text) return;
  println(io.stdout, `--- ${name}`);
  io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}
