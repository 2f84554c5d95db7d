/**
 * What a hook is told, three ways from one source: the event as JSON on its stdin (declared in
 * output/shapes.ts), its placeholders (filled and quoted by the trial's own templating) and its
 * SWEEPTOP_* environment.
 */
import type { HookEvent } from '../../engine/config/schema/hooks.js';
import type { ObjectiveSpec } from '../../engine/metrics/objective.js';
import type { SweepSnapshot, TrialSnapshot } from '../../engine/events.js';
import { trialFiles } from '../../engine/state/layout.js';
import { paramEnvName } from '../../engine/sweep/launch-spec.js';
import { formatValue, type TrialVars } from '../../engine/template/command.js';
import { encodeNullableNumber } from '../../plugin-api/json-number.js';
import type { Parameter } from '../../plugin-api/space.js';
import { versioned, type RecordBody } from '../output/json-output.js';
import { HOOK_EVENT_JSON } from '../output/hook-event-shape.js';

export type HookEventJson = ReturnType<typeof versioned<typeof HOOK_EVENT_JSON, 'event'>>;
type HookTrialJson = NonNullable<RecordBody<typeof HOOK_EVENT_JSON, 'event'>['trial']>;

/** What happened, before it is written three ways. */
export interface HookOccasion {
  event: HookEvent;
  sweep: Pick<SweepSnapshot, 'name' | 'dir' | 'phase' | 'stopReason' | 'bestTrialId' | 'trialsTarget'>;
  /** The trial it is about; on_sweep_end the best one. */
  trial: TrialSnapshot | null;
  /** {reason} when it is not the trial's own: the stop reason, how long a trial has been silent. */
  reason?: string | null;
  front?: number[];
  stall?: { run: number | null; silentSince: number };
  sample?: boolean;
  time?: number;
}

export function hookEventJson(occasion: HookOccasion, objectives: readonly ObjectiveSpec[]): HookEventJson {
  const { event, sweep, trial } = occasion;
  return versioned(HOOK_EVENT_JSON, 'event', {
    event,
    time: occasion.time ?? Date.now(),
    sample: occasion.sample ?? false,
    sweep: {
      name: sweep.name,
      dir: sweep.dir,
      phase: sweep.phase,
      stop_reason: sweep.stopReason,
      best_trial_id: sweep.bestTrialId,
      trials_target: sweep.trialsTarget,
    },
    trial: trial && trialJson(trial, objectives),
    objective: encodeNullableNumber(trial?.objective),
    state: trial?.state ?? null,
    reason: reasonOf(occasion),
    ...(occasion.front && { front: occasion.front }),
    ...(occasion.stall && { run: occasion.stall.run, silent_since: occasion.stall.silentSince }),
  });
}

function reasonOf(occasion: HookOccasion): string | null {
  return occasion.reason !== undefined ? occasion.reason : (occasion.trial?.reason ?? null);
}

function trialJson(trial: TrialSnapshot, objectives: readonly ObjectiveSpec[]): HookTrialJson {
  return {
    id: trial.id,
    attempt: trial.attempt,
    state: trial.state,
    params: trial.params,
    objective: encodeNullableNumber(trial.objective),
    ...(objectives.length > 1 && {
      objectives: Object.fromEntries(objectives.map((o, i) => [o.name, encodeNullableNumber(trial.objectives?.[i] ?? null)])),
    }),
    reason: trial.reason,
    exit_code: trial.exitCode,
    signal: trial.signal,
    duration_s: Math.round(trial.runtimeMs) / 1000,
    dir: trial.dir,
    command: trial.command,
  };
}

/**
 * The placeholders' values. Every one is given (an absent parameter, or a trial there is not, is
 * ''), so that a hook never fails for want of a value; the templating quotes them all alike.
 */
export function hookVars(occasion: HookOccasion, parameters: readonly Parameter[]): TrialVars {
  const { trial, sweep } = occasion;
  const extra: Record<string, string> = {
    event: occasion.event,
    objective: formatValue(trial?.objective ?? null),
    state: trial?.state ?? '',
    reason: reasonOf(occasion) ?? '',
    'trial.id': trial ? String(trial.id) : '',
    'trial.attempt': trial ? String(trial.attempt) : '',
    'trial.dir': trial?.dir ?? '',
    args_json_file: trial ? trialFiles(trial.dir).params : '',
  };
  for (const { name } of parameters) if (trial?.params[name] === undefined) extra[name] = '';
  return {
    params: trial?.params ?? {},
    trialId: trial?.id ?? -1,
    attempt: trial?.attempt ?? 0,
    trialDir: trial?.dir ?? '',
    sweepDir: sweep.dir,
    sweepName: sweep.name,
    paramsFile: extra.args_json_file,
    extra,
  };
}

/** SWEEPTOP_* for the hook; a variable with no value (no trial, no objective yet) is left out. */
export function hookEnv(occasion: HookOccasion): Record<string, string> {
  const { trial, sweep } = occasion;
  const env: Record<string, string> = {
    SWEEPTOP_EVENT: occasion.event,
    SWEEPTOP_SWEEP_NAME: sweep.name,
    SWEEPTOP_SWEEP_DIR: sweep.dir,
  };
  const reason = reasonOf(occasion);
  if (reason !== null) env.SWEEPTOP_REASON = reason;
  if (!trial) return env;
  env.SWEEPTOP_TRIAL_ID = String(trial.id);
  env.SWEEPTOP_TRIAL_ATTEMPT = String(trial.attempt);
  env.SWEEPTOP_TRIAL_DIR = trial.dir;
  env.SWEEPTOP_STATE = trial.state;
  if (trial.objective !== null) env.SWEEPTOP_OBJECTIVE = formatValue(trial.objective);
  for (const [name, value] of Object.entries(trial.params)) env[paramEnvName(name)] = formatValue(value);
  return env;
}
