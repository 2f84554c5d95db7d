/**
 * `sweeptop ctl DIR pause|resume|kill|promote TRIAL...`, `ctl DIR parallel N`, `ctl DIR trials N`,
 * `ctl DIR add --param lr=0.01 --param layers=3`: control a running sweep from scripts. Exit 0
 * when every command was applied; 1 with one line per refusal otherwise.
 */
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { sendCommand } from '../../engine/control/client.js';
import type { EngineCommand } from '../../engine/commands.js';
import { UserError } from '../../engine/errors.js';
import type { Params, ParamValue } from '../../plugin-api/space.js';
import { integerFlag } from '../args.js';
import { println, type CommandIO } from '../io.js';

const USAGE = 'sweeptop ctl DIR pause|resume|kill|promote TRIAL... | parallel N | trials N | add --param NAME=VALUE...';
const TRIAL_VERBS = ['pause', 'resume', 'kill', 'promote'] as const;

export async function runCtl(args: string[], io: CommandIO): Promise<number> {
  const [dirArg, verb, ...rest] = args;
  if (!dirArg || !verb) throw new UserError(`usage: ${USAGE}`);
  const dir = resolve(dirArg);
  const commands = parseCommands(verb, rest);
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

function parseCommands(verb: string, rest: string[]): EngineCommand[] {
  if ((TRIAL_VERBS as readonly string[]).includes(verb)) {
    if (rest.length === 0) throw new UserError(`ctl ${verb}: expected one or more trial ids`);
    return rest.map((id) => ({ type: verb as (typeof TRIAL_VERBS)[number], trialId: integerFlag(id, `${verb} TRIAL`, 0)! }));
  }
  if (verb === 'parallel' || verb === 'trials') {
    if (rest.length !== 1) throw new UserError(`ctl ${verb}: expected one number`);
    const value = integerFlag(rest[0], verb, 1)!;
    return [verb === 'parallel' ? { type: 'setParallel', value } : { type: 'setTrials', value }];
  }
  if (verb === 'add') return [{ type: 'addTrial', params: parseParams(rest) }];
  throw new UserError(`ctl: unknown command "${verb}"\nusage: ${USAGE}`);
}

function parseParams(args: string[]): Params {
  const params: Params = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const text = arg === '--param' ? args[++i] : arg.startsWith('--param=') ? arg.slice('--param='.length) : undefined;
    const match = text === undefined ? null : /^([A-Za-z_][\w-]*)=(.*)$/s.exec(text);
    if (!match) throw new UserError(`ctl add: expected --param NAME=VALUE, got "${text ?? arg}"`);
    // values read as YAML scalars: 0.01 is a number, true a boolean, adam a string
    params[match[1]] = parseYaml(match[2] === '' ? '""' : match[2]) as ParamValue;
  }
  if (Object.keys(params).length === 0) throw new UserError('ctl add: expected at least one --param NAME=VALUE');
  return params;
}
