/**
 * `sweeptop ctl DIR pause|resume|kill|promote TRIAL...`, `ctl DIR parallel N`, `ctl DIR trials N`,
 * `ctl DIR add --param lr=0.01 --param layers=3`, `ctl DIR add --from trials.csv`: control a
 * running sweep from scripts. Without
 * DIR (`ctl pause 3`), the newest sweep started from the current folder. Exit 0 when every
 * command was applied; 1 with one line per refusal otherwise.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { sendCommand } from '../../engine/control/client.js';
import type { EngineCommand } from '../../engine/commands.js';
import { readEnqueueFile } from '../../engine/config/enqueue-file.js';
import { didYouMean } from '../../engine/config/nearest.js';
import { UserError } from '../../engine/errors.js';
import { controllerState } from '../../engine/state/controller-lock.js';
import { readSweepHead } from '../../engine/state/sweep-head.js';
import type { Params, ParamValue } from '../../plugin-api/space.js';
import type { ActionDeclaration } from '../args/declare.js';
import { actionUsage, usageLine } from '../args/help.js';
import { parseCommandArgs } from '../args/parse.js';
import { CTL, CTL_ADD, CTL_COUNT_ACTIONS, CTL_TRIAL_ACTIONS } from '../command-table.js';
import { newestSweepHere } from '../default-sweep.js';
import { println, type CommandIO } from '../io.js';

export async function runCtl(args: string[], io: CommandIO): Promise<number> {
  const { dir: given, commands } = parseCtl(args);
  const dir = given ?? (await newestSweepHere(io));
  const unreachable = await noControllerBecause(dir);
  if (unreachable) {
    io.stderr.write(`sweeptop: ${unreachable}\n`);
    return 1;
  }
  if ('from' in commands) return addFromFile(dir, commands.from, io);
  let failures = 0;
  for (const command of commands) {
    const result = await sendCommand(dir, command, 'ctl');
    if (result.ok) {
      if (command.type === 'addTrial' && result.trialId !== undefined) println(io.stdout, `added trial ${result.trialId}`);
    } else {
      failures++;
      io.stderr.write(`sweeptop: ${result.error}\n`);
    }
  }
  return failures ? 1 : 0;
}

/**
 * `add --from FILE`: every row checked against the sweep's space before any is sent, then one
 * addTrial each (as `add --param` sends), each queued behind the one before so the file's order
 * holds. A refusal midway (the sweep stopped launching) says which rows were added.
 */
async function addFromFile(dir: string, file: string, io: CommandIO): Promise<number> {
  const space = (await readSweepHead(dir)).config?.parameters;
  if (!space) throw new UserError(`${dir}: the sweep's parameters cannot be read, so ${file} cannot be checked against them`);
  const rows = readEnqueueFile(file, space);
  let previous: number | undefined;
  for (const [index, params] of rows.entries()) {
    const result = await sendCommand(dir, { type: 'addTrial', params, ...(previous !== undefined && { after: previous }) }, 'ctl');
    if (!result.ok) {
      const added = index === 0 ? 'none was added' : `rows 1–${index} were added, the rest were not`;
      io.stderr.write(`sweeptop: ${file}: row ${index + 1}: ${result.error}; ${added}\n`);
      return 1;
    }
    previous = result.trialId;
    println(io.stdout, `added trial ${result.trialId}`);
  }
  return 0;
}

/**
 * Why no command can reach the controller of `dir`, said with what to do instead; null when one
 * runs here. A finished sweep is the common case: a script's `ctl` after the night's sweep ended.
 */
async function noControllerBecause(dir: string): Promise<string | null> {
  const owner = controllerState(dir);
  if (owner.kind === 'here') return null;
  if (owner.kind === 'elsewhere') return `${dir} is run by a controller on host ${owner.lock.host}; use \`sweeptop ctl\` there`;
  const { document } = await readSweepHead(dir);
  if (document?.phase === 'finished') {
    const why = document.stopReason ? ` (${document.stopReason})` : '';
    return `${dir}: the sweep has finished${why}; \`sweeptop resume ${dir}\` continues it (\`--trials N\` for a larger budget)`;
  }
  return `${dir}: no controller runs this sweep (it stopped before its end); \`sweeptop resume ${dir}\` continues it`;
}

/**
 * `[DIR] ACTION ARGS...`: the directory and the action come first, the action's arguments after.
 * A first word that names an action, and no folder, is the action: `ctl pause 3`.
 */
function parseCtl(argv: string[]): { dir: string | undefined; commands: EngineCommand[] | { from: string } } {
  const actions = CTL.actions ?? [];
  const names = actions.map((a) => a.name);
  const dirGiven = argv[0] === undefined || !names.includes(argv[0]) || existsSync(argv[0]);
  const { args } = parseCommandArgs(CTL, dirGiven ? argv.slice(0, 1) : []);
  const rest = dirGiven ? argv.slice(1) : argv;
  const name = rest[0];
  const action = actions.find((a) => a.name === name);
  if (!action) {
    const problem =
      name === undefined
        ? `expected a command after DIR; valid: ${names.join(', ')}`
        : `unknown command "${name}"${didYouMean(name, names)}`;
    throw new UserError(`ctl: ${problem}\nusage: ${usageLine(CTL)}`);
  }
  return { dir: args.DIR === undefined ? undefined : resolve(args.DIR), commands: actionCommands(action.name, rest.slice(1)) };
}

function actionCommands(name: string, rest: string[]): EngineCommand[] | { from: string } {
  const usage = (action: ActionDeclaration) => `sweeptop ctl DIR ${actionUsage(action)}`;
  const onTrials = CTL_TRIAL_ACTIONS.find((a) => a.name === name);
  if (onTrials) {
    const type = name as 'pause' | 'resume' | 'kill' | 'promote';
    return parseCommandArgs(onTrials, rest, usage(onTrials)).args.TRIAL.map((trialId) => ({ type, trialId }));
  }
  const count = CTL_COUNT_ACTIONS.find((a) => a.name === name);
  if (count) {
    const value = parseCommandArgs(count, rest, usage(count)).args.N;
    return [name === 'parallel' ? { type: 'setParallel', value } : { type: 'setTrials', value }];
  }
  const { options } = parseCommandArgs(CTL_ADD, rest, usage(CTL_ADD));
  if (options.from !== undefined) {
    if (options.param.length > 0) throw new UserError('ctl add: --param and --from cannot be given together; put the values in the file');
    return { from: options.from };
  }
  if (options.param.length === 0) throw new UserError(`ctl add: expected --param NAME=VALUE or --from FILE\nusage: ${usage(CTL_ADD)}`);
  return [{ type: 'addTrial', params: parseParams(options.param) }];
}

/** `NAME=VALUE`, the value read as a YAML scalar: 0.01 is a number, true a boolean, adam a string. */
function parseParams(items: string[]): Params {
  const params: Params = {};
  for (const item of items) {
    const match = /^([A-Za-z_][\w-]*)=(.*)$/s.exec(item);
    if (!match) throw new UserError(`--param: expected NAME=VALUE, got "${item}"`);
    params[match[1]] = parseYaml(match[2] === '' ? '""' : match[2]) as ParamValue;
  }
  return params;
}
