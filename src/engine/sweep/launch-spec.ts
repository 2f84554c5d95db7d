/** What an executor needs to start one attempt of a trial (argv, environment, files), and what its TrialRun needs. */
import { randomUUID } from 'node:crypto';
import type { LaunchSpec } from '../../plugin-api/executor.js';
import type { SweepConfig } from '../config/types.js';
import { formatValue, renderCommand, type CompiledCommand } from '../template/command.js';
import type { TrialRunOptions } from '../trial/trial-run.js';
import type { ResolvedSweep } from './resolved.js';
import type { Adoption } from './adoption.js';
import type { TrialEntry } from './trial-entry.js';
import { RunEntry } from './run-entry.js';

export function paramEnvName(name: string): string {
  return `SWEEPTOP_PARAM_${name.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`;
}

/** A run's {trial.dir} is its trial's folder (a budget sweep's script keeps its checkpoint there between levels); {fold}, {repeat} and {budget} are its own. */
export function trialArgv(entry: TrialEntry, command: CompiledCommand, config: SweepConfig, sweepDir: string): string[] {
  return renderCommand(command, {
    params: entry.params,
    trialId: entry.id,
    attempt: entry.attempt,
    trialDir: entry.trial.paths.dir,
    sweepDir,
    sweepName: config.name,
    paramsFile: entry.paths.params,
    ...(entry instanceof RunEntry && { fold: entry.fold ?? undefined, repeat: entry.repeat ?? undefined, budget: entry.level?.budget }),
  });
}

export function trialEnv(entry: TrialEntry, config: SweepConfig, sweepDir: string): Record<string, string> {
  const env: Record<string, string> = {};
  // Python buffers stdout when it is a file: without this, metrics arrive only at exit.
  if (process.env.PYTHONUNBUFFERED === undefined) env.PYTHONUNBUFFERED = '1';
  for (const [name, value] of Object.entries(entry.params)) env[paramEnvName(name)] = formatValue(value);
  env.SWEEPTOP_TRIAL_ID = String(entry.id);
  env.SWEEPTOP_TRIAL_ATTEMPT = String(entry.attempt);
  env.SWEEPTOP_TRIAL_DIR = entry.trial.paths.dir;
  if (entry instanceof RunEntry) {
    env.SWEEPTOP_RUN = String(entry.index);
    env.SWEEPTOP_RUN_DIR = entry.paths.dir;
    if (entry.fold !== null) env.SWEEPTOP_FOLD = String(entry.fold);
    if (entry.repeat !== null) env.SWEEPTOP_REPEAT = String(entry.repeat);
    if (entry.level !== null) env.SWEEPTOP_BUDGET = String(entry.level.budget);
  }
  env.SWEEPTOP_SWEEP_DIR = sweepDir;
  if (entry.gpus) env.CUDA_VISIBLE_DEVICES = entry.gpus.join(',');
  return { ...env, ...config.env };
}

/** A token unique to this attempt of the trial: its processes carry it, so they can be found without a pid. */
export function newTrialToken(entry: TrialEntry): string {
  return `${entry.paths.dir}#${entry.attempt}#${randomUUID()}`;
}

export function buildLaunchSpec(entry: TrialEntry, config: SweepConfig, sweepDir: string): LaunchSpec {
  const token = entry.handle?.token;
  return {
    ...(typeof token === 'string' && { token }),
    trialId: entry.id,
    attempt: entry.attempt,
    argv: entry.argv,
    env: trialEnv(entry, config, sweepDir),
    cwd: config.cwd,
    files: { dir: entry.paths.dir, stdout: entry.paths.stdout, stderr: entry.paths.stderr, exitCode: entry.paths.exitCode },
    gpus: entry.gpus,
  };
}

/** A TrialRun of one attempt; with `adoption`, of a trial an earlier controller started. */
export function trialRunOptions(entry: TrialEntry, resolved: ResolvedSweep, sweepDir: string, adoption?: Adoption): TrialRunOptions {
  const { config } = resolved;
  return {
    executor: resolved.executor,
    spec: buildLaunchSpec(entry, config, sweepDir),
    metrics: resolved.createLineMetrics(entry.params),
    timeoutMs: config.timeoutMs,
    graceMs: config.graceMs,
    followLogs: resolved.followLogs,
    logVars: { 'trial.dir': entry.trial.paths.dir, 'trial.id': String(entry.id) },
    ...(adoption && {
      replayUntil: adoption.replayUntil,
      logOffsets: adoption.logOffsets,
      runtimeMs: adoption.runtimeMs,
      recordedAt: adoption.recordedAt,
      paused: adoption.paused,
    }),
  };
}
