/**
 * What each command asks of the sweep, and whether it may: refusals are one line a person can act
 * on (the same words the TUI uses, from trial/actions.ts); what a command does is the sweep's own
 * business, reached through the narrow CommandTarget. The sweep records accepted commands as
 * interventions (who, when, what).
 */
import type { Params, SearchSpace } from '../../plugin-api/space.js';
import { fitParams } from '../config/params-fit.js';
import type { CommandResult, EngineCommand } from '../commands.js';
import type { Intervention, SweepPhase } from '../events.js';
import { allowedAction, type ActionSubject, type TrialAction } from '../trial/actions.js';

/** The sweep as a command sees it: what it may read, and one method per thing it may ask. */
export interface CommandTarget {
  readonly phase: SweepPhase;
  readonly launching: boolean;
  readonly space: SearchSpace;
  /** Trials created so far (queued ones included): the lowest trial budget allowed. */
  readonly trialCount: number;
  trial(id: number): ActionSubject | undefined;
  pauseTrial(id: number): Promise<void>;
  resumeTrial(id: number): Promise<void>;
  killTrial(id: number, by: string): Promise<void>;
  promoteTrial(id: number): Promise<void>;
  setParallel(value: number): void;
  setTrialsTarget(value: number): void;
  /** The sweep file's `repeats` (null: none): a trial may be added with more. */
  readonly repeats: number | null;
  addTrial(params: Params, repeats: number | null): number;
  stopAll(reason: string, force: boolean): void;
}

const ok: CommandResult = { ok: true };
const refuse = (error: string): CommandResult => ({ ok: false, error });

export async function applyCommand(sweep: CommandTarget, command: EngineCommand, by: string): Promise<CommandResult> {
  switch (command.type) {
    case 'pause':
      return onTrial(sweep, command.trialId, 'pause', () => sweep.pauseTrial(command.trialId));
    case 'resume':
      return onTrial(sweep, command.trialId, 'resume', () => sweep.resumeTrial(command.trialId));
    case 'kill':
      return onTrial(sweep, command.trialId, 'kill', () => sweep.killTrial(command.trialId, by));
    case 'promote':
      return onTrial(sweep, command.trialId, 'promote', () => sweep.promoteTrial(command.trialId));
    case 'setParallel':
      if (!Number.isInteger(command.value) || command.value < 1) return refuse(`parallel must be an integer ≥ 1, got ${command.value}`);
      sweep.setParallel(command.value);
      return ok;
    case 'setTrials':
      return setTrials(sweep, command.value);
    case 'addTrial':
      return addTrial(sweep, command.params, command.repeats);
    case 'stop':
      if (sweep.phase === 'finished') return refuse('the sweep has already finished');
      sweep.stopAll(`stopped by ${by}`, command.force ?? false);
      return ok;
  }
}

async function onTrial(sweep: CommandTarget, id: number, action: TrialAction, act: () => Promise<void>): Promise<CommandResult> {
  const trial = sweep.trial(id);
  if (!trial) return refuse(`no trial ${id} in this sweep`);
  const verdict = allowedAction(action, trial, sweep.phase);
  if (!verdict.allowed) return refuse(`trial ${id} is ${trial.state}; ${verdict.why}`);
  await act();
  return ok;
}

function setTrials(sweep: CommandTarget, value: number): CommandResult {
  if (sweep.phase !== 'running') return refuse(`the sweep is ${sweep.phase}`);
  const created = sweep.trialCount;
  if (!Number.isInteger(value) || value < created)
    return refuse(`trials must be an integer ≥ ${created} (trials created so far), got ${value}`);
  sweep.setTrialsTarget(value);
  return ok;
}

function addTrial(sweep: CommandTarget, given: Params, repeats: number | undefined): CommandResult {
  if (sweep.phase !== 'running' || !sweep.launching) return refuse('the sweep is no longer launching trials');
  if (repeats !== undefined) {
    // without `repeats` in the sweep file its command takes no {repeat}: every repeat would run the same seed
    if (sweep.repeats === null) return refuse('repeats: this sweep has no `repeats` (its command takes no {repeat})');
    if (!Number.isInteger(repeats) || repeats < sweep.repeats)
      return refuse(`repeats must be an integer ≥ ${sweep.repeats} (the sweep's), got ${repeats}`);
  }
  const fit = fitParams(sweep.space, given);
  if ('problem' in fit) return refuse(fit.problem);
  const { params } = fit;
  return { ok: true, trialId: sweep.addTrial(params, repeats ?? null) };
}

/** The record of an accepted command: who, when, what, on which trial. */
export function interventionFor(command: EngineCommand, result: CommandResult, by: string): Intervention {
  const trialId = 'trialId' in command ? command.trialId : result.ok ? (result.trialId ?? null) : null;
  const detail =
    command.type === 'setParallel' || command.type === 'setTrials'
      ? String(command.value)
      : command.type === 'addTrial'
        ? JSON.stringify(command.params) + (command.repeats === undefined ? '' : ` repeats ${command.repeats}`)
        : undefined;
  return { time: Date.now(), by, command: command.type, trialId, ...(detail && { detail }) };
}
