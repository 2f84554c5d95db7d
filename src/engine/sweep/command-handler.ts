/**
 * What each command does to the sweep. Refusals are one line a person can act on; the sweep
 * records accepted commands as interventions (who, when, what).
 */
import type { CommandResult, EngineCommand } from '../commands.js';
import type { Intervention } from '../events.js';
import { allows, type Params } from '../../plugin-api/space.js';
import { isActive } from '../../plugin-api/trial-state.js';
import type { Sweep } from './sweep.js';
import type { TrialEntry } from './trial-entry.js';

const ok: CommandResult = { ok: true };
const refuse = (error: string): CommandResult => ({ ok: false, error });

export async function applyCommand(sweep: Sweep, command: EngineCommand, by: string): Promise<CommandResult> {
  switch (command.type) {
    case 'pause':
      return withTrial(sweep, command.trialId, (entry) => pause(sweep, entry));
    case 'resume':
      return withTrial(sweep, command.trialId, (entry) => resume(sweep, entry));
    case 'kill':
      return withTrial(sweep, command.trialId, (entry) => kill(sweep, entry, by));
    case 'promote':
      return withTrial(sweep, command.trialId, (entry) => promote(sweep, entry));
    case 'setParallel':
      if (!Number.isInteger(command.value) || command.value < 1) return refuse(`parallel must be an integer ≥ 1, got ${command.value}`);
      sweep.parallel = command.value;
      sweep.emitSettings();
      return ok;
    case 'setTrials':
      return setTrials(sweep, command.value);
    case 'addTrial':
      return addTrial(sweep, command.params);
    case 'stop':
      if (sweep.phase === 'finished') return refuse('the sweep has already finished');
      sweep.stopAll(`stopped by ${by}`, command.force ?? false);
      return ok;
  }
}

function withTrial(sweep: Sweep, id: number, action: (entry: TrialEntry) => Promise<CommandResult>): Promise<CommandResult> {
  const entry = sweep.entries.get(id);
  return entry ? action(entry) : Promise.resolve(refuse(`no trial ${id} in this sweep`));
}

async function pause(sweep: Sweep, entry: TrialEntry): Promise<CommandResult> {
  if (entry.state !== 'running' || !entry.run) return refuse(`trial ${entry.id} is ${entry.state}; only a running trial can be paused`);
  await entry.run.pause();
  entry.setState('paused');
  sweep.study?.setState(entry.id, 'paused');
  sweep.emitUpdate(entry, 'running');
  return ok;
}

async function resume(sweep: Sweep, entry: TrialEntry): Promise<CommandResult> {
  if (entry.state !== 'paused' || !entry.run) return refuse(`trial ${entry.id} is ${entry.state}; only a paused trial can be resumed`);
  await entry.run.resume();
  entry.setState('running');
  sweep.study?.setState(entry.id, 'running');
  sweep.emitUpdate(entry, 'paused');
  return ok;
}

async function kill(sweep: Sweep, entry: TrialEntry, by: string): Promise<CommandResult> {
  if (entry.state === 'queued') {
    sweep.queue.splice(sweep.queue.indexOf(entry.id), 1);
    entry.setState('killed');
    entry.reason = `removed from the queue by ${by}`;
    sweep.finishEntry(entry, 'queued');
    return ok;
  }
  if (!isActive(entry.state) || !entry.run) return refuse(`trial ${entry.id} has already finished (${entry.state})`);
  entry.reason = `killed by ${by}`;
  await entry.run.stop('killed');
  return ok;
}

async function promote(sweep: Sweep, entry: TrialEntry): Promise<CommandResult> {
  const before = entry.state;
  switch (before) {
    case 'queued':
      sweep.queue.splice(sweep.queue.indexOf(entry.id), 1);
      sweep.queue.unshift(entry.id);
      entry.promoted = true;
      break;
    case 'pending':
    case 'running':
    case 'paused':
      entry.promoted = true;
      sweep.study?.setPromoted(entry.id, true);
      if (before === 'paused') return resume(sweep, entry).then((r) => (sweep.emitUpdate(entry, before), r));
      break;
    case 'pruned':
    case 'killed':
      if (sweep.phase !== 'running') return refuse(`the sweep is ${sweep.phase}; cannot re-run trial ${entry.id}`);
      entry.resetForRerun();
      entry.promoted = true;
      sweep.queue.unshift(entry.id);
      break;
    default:
      return refuse(`trial ${entry.id} is ${before}; only queued, running, paused, pruned or killed trials can be promoted`);
  }
  sweep.emitUpdate(entry, before);
  return ok;
}

function setTrials(sweep: Sweep, value: number): CommandResult {
  if (sweep.phase !== 'running') return refuse(`the sweep is ${sweep.phase}`);
  const created = sweep.entries.size;
  if (!Number.isInteger(value) || value < created) return refuse(`trials must be an integer ≥ ${created} (trials created so far), got ${value}`);
  sweep.trialsTarget = value;
  sweep.emitSettings();
  return ok;
}

function addTrial(sweep: Sweep, given: Params): CommandResult {
  if (sweep.phase !== 'running' || !sweep.launching) return refuse('the sweep is no longer launching trials');
  const params: Params = {};
  for (const parameter of sweep.resolved.config.parameters) {
    const value = parameter.name in given ? given[parameter.name] : parameter.kind === 'const' ? parameter.value : undefined;
    if (value === undefined) return refuse(`missing a value for ${parameter.name}`);
    if (!allows(parameter, value)) return refuse(`${parameter.name}=${String(value)} is outside the search space`);
    params[parameter.name] = value;
  }
  const unknown = Object.keys(given).find((name) => !(name in params));
  if (unknown) return refuse(`no parameter named ${unknown}`);
  const entry = sweep.addTrial(params);
  return { ok: true, trialId: entry.id };
}

/** The record of an accepted command: who, when, what, on which trial. */
export function interventionFor(command: EngineCommand, result: CommandResult, by: string): Intervention {
  const trialId = 'trialId' in command ? command.trialId : (result.ok ? (result.trialId ?? null) : null);
  const detail = command.type === 'setParallel' || command.type === 'setTrials' ? String(command.value)
    : command.type === 'addTrial' ? JSON.stringify(command.params) : undefined;
  return { time: Date.now(), by, command: command.type, trialId, ...(detail && { detail }) };
}
