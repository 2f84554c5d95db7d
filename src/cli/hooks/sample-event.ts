/**
 * The made-up event `sweeptop hooks test` fires: the sweep file's own name and parameters (each
 * parameter's lowest value, or first choice), trial 0, and the state and reason the event would
 * carry. Its `sample` field is true, so a hook can tell it from a real one.
 */
import { join, resolve } from 'node:path';
import type { HookEvent } from '../../engine/config/schema/hooks.js';
import type { SweepConfig } from '../../engine/config/types.js';
import type { TrialSnapshot } from '../../engine/events.js';
import { quoteArgv } from '../../engine/template/command.js';
import type { Parameter, Params, ParamValue } from '../../plugin-api/space.js';
import type { TrialState } from '../../plugin-api/trial-state.js';
import type { HookOccasion } from './hook-event.js';

const SAMPLE_OBJECTIVE = 0.1234;

const OUTCOME: Record<HookEvent, { state: TrialState; reason: string | null; exitCode: number | null }> = {
  on_trial_start: { state: 'running', reason: null, exitCode: null },
  on_trial_end: { state: 'completed', reason: null, exitCode: 0 },
  on_new_best: { state: 'completed', reason: null, exitCode: 0 },
  on_failure: { state: 'failed', reason: 'exit code 1', exitCode: 1 },
  on_pruned: { state: 'pruned', reason: 'pruned at step 3: a sample reason', exitCode: null },
  on_sweep_end: { state: 'completed', reason: null, exitCode: 0 },
  on_stall: { state: 'running', reason: null, exitCode: null },
};

export function sampleOccasion(event: HookEvent, config: SweepConfig): HookOccasion {
  const dir = join(resolve('sweeps'), `${config.name}-hooks-test`);
  const outcome = OUTCOME[event];
  const params: Params = Object.fromEntries(config.parameters.filter((p) => p.when === undefined).map((p) => [p.name, sampleValue(p)]));
  const finished = outcome.state !== 'running';
  const trial: TrialSnapshot = {
    id: 0,
    attempt: 0,
    params,
    state: outcome.state,
    promoted: false,
    argv: ['train.py'],
    command: quoteArgv(['train.py']),
    cwd: config.cwd,
    dir: join(dir, 'trials', '0'),
    gpus: null,
    host: null,
    pid: null,
    pendingReason: null,
    startedAt: Date.now() - 60_000,
    endedAt: finished ? Date.now() : null,
    runtimeMs: 60_000,
    exitCode: outcome.exitCode,
    signal: null,
    reason: outcome.reason,
    objective: event === 'on_trial_start' ? null : SAMPLE_OBJECTIVE,
    best: event === 'on_trial_start' ? null : SAMPLE_OBJECTIVE,
    step: null,
    steps: 0,
    spread: null,
    contexts: event === 'on_trial_start' ? 0 : 1,
    objectiveSource: null,
    ...(config.objectives.length > 1 && { objectives: config.objectives.map(() => SAMPLE_OBJECTIVE) }),
    echoed: {},
    lastMetrics: {},
    stderrTail: [],
    pruneThreshold: null,
    silentSince: event === 'on_stall' ? Date.now() - 300_000 : null,
    progress: null,
    etaMs: null,
  };
  const ended = event === 'on_sweep_end';
  return {
    event,
    sample: true,
    sweep: {
      name: config.name,
      dir,
      phase: ended ? 'finished' : 'running',
      stopReason: ended ? `all ${config.trials ?? 1} trials done` : null,
      bestTrialId: ended || event === 'on_new_best' ? 0 : null,
      trialsTarget: config.trials ?? 1,
    },
    trial: ended && config.objectives.length > 1 ? null : trial,
    ...(ended && { reason: `all ${config.trials ?? 1} trials done` }),
    ...(ended && config.objectives.length > 1 && { front: [0] }),
    ...(event === 'on_stall' && { reason: 'printed nothing for 5m', stall: { run: null, silentSince: Date.now() - 300_000 } }),
  };
}

function sampleValue(parameter: Parameter): ParamValue {
  switch (parameter.kind) {
    case 'const':
      return parameter.value;
    case 'choice':
      return parameter.values[0];
    case 'int':
    case 'float':
      return parameter.low;
  }
}
