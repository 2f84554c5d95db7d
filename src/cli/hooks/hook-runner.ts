/**
 * The sweep file's hooks, run as a listener of the engine's events, as the headless reporter is:
 * the engine never waits for a hook. Each event type has its own queue (one hook at a time per
 * event, in the order they happened), each hook its timeout; a failure is reported back to the
 * sweep once (recordHookFailure: the log, the TUI, `status`), and nothing else happens to the sweep.
 */
import type { CompiledHook, CompiledHooks } from '../../engine/config/hook-commands.js';
import type { HookEvent } from '../../engine/config/schema/hooks.js';
import type { SweepClient } from '../../engine/client.js';
import type { HookFailure, SweepSnapshot, TrialSnapshot } from '../../engine/events.js';
import { describeHookFailure } from '../../engine/hooks/describe-failure.js';
import type { ObjectiveSpec } from '../../engine/metrics/objective.js';
import { frontOf } from '../../engine/objectives/recorded.js';
import { quoteArgv, renderCommand } from '../../engine/template/command.js';
import type { Parameter } from '../../plugin-api/space.js';
import { formatDuration } from '../../plugin-api/duration.js';
import { hookEnv, hookEventJson, hookVars, type HookOccasion } from './hook-event.js';
import { failed, killRunningHooks, runHook, stderrTail, type HookResult, type HookRun } from './hook-process.js';
import { NewBest } from './new-best.js';

/** What the runner needs of a sweep: its events and snapshot, its hooks, and where to report. */
export interface HookHost extends Pick<SweepClient, 'on' | 'snapshot'> {
  readonly dir: string;
  readonly resolved: {
    hooks: CompiledHooks;
    config: { name: string; cwd: string; parameters: readonly Parameter[]; objectives: readonly ObjectiveSpec[] };
  };
  recordHookFailure(failure: HookFailure, message: string): void;
}

export interface HookRunnerOptions {
  /** The hooks' environment before their SWEEPTOP_* variables. @default process.env */
  env?: NodeJS.ProcessEnv;
}

const NOT_RUN: HookResult = { exitCode: null, signal: null, timedOut: false, error: null, stdout: '', stderr: '', durationMs: 0 };

/** The time `finish` gives queued hooks when the sweep has no on_sweep_end to bound it. */
const FINISH_DEFAULT_MS = 30_000;

export class HookRunner {
  private readonly queues = new Map<HookEvent, Promise<void>>();
  private pending = 0;
  private idle: (() => void) | null = null;
  private readonly unsubscribe: Array<() => void> = [];
  private closed = false;

  constructor(
    private readonly host: HookHost,
    private readonly options: HookRunnerOptions = {},
  ) {}

  /** Subscribes to the sweep's events; events before this (a resumed sweep's past) fire nothing. */
  start(): this {
    const { hooks, config } = this.host.resolved;
    if (Object.keys(hooks).length === 0) return this;
    const initial = this.host.snapshot();
    const newBest = new NewBest(
      config.objectives.map((o) => o.goal),
      initial.trials,
    );
    // the sweep's standing, kept from its events: a whole snapshot per trial event would cost O(trials) each
    const sweep: HookOccasion['sweep'] = { ...pickSweep(initial) };
    const on = this.host.on.bind(this.host);
    this.unsubscribe.push(
      on('sweep:best', ({ trialId }) => (sweep.bestTrialId = trialId)),
      on('sweep:settings', ({ trialsTarget }) => (sweep.trialsTarget = trialsTarget)),
      on('sweep:stopping', ({ reason, phase }) => Object.assign(sweep, { stopReason: reason, phase })),
      on('trial:updated', ({ trial, previousState }) => {
        // a launch: queued → running (a Slurm trial goes on to pending, then running again: not a new start)
        if (previousState === 'queued' && trial.state === 'running') this.fire({ event: 'on_trial_start', sweep: { ...sweep }, trial });
      }),
      on('trial:ended', ({ trial }) => {
        const now = { ...sweep };
        this.fire({ event: 'on_trial_end', sweep: now, trial });
        if (trial.state === 'failed') this.fire({ event: 'on_failure', sweep: now, trial });
        if (trial.state === 'pruned') this.fire({ event: 'on_pruned', sweep: now, trial });
        if (trial.state === 'completed' && newBest.judge(trial)) this.fire({ event: 'on_new_best', sweep: now, trial });
      }),
      on('trial:silent', ({ trialId, run, silentSince, silentForMs }) => {
        if (!hooks.on_stall) return;
        const trial = this.host.snapshot().trials.find((t) => t.id === trialId) ?? null;
        const reason = `printed nothing for ${formatDuration(silentForMs)}${run === null ? '' : ` (run ${run})`}`;
        this.fire({ event: 'on_stall', sweep: { ...sweep }, trial, reason, stall: { run, silentSince } });
      }),
      on('sweep:finished', ({ snapshot }) => this.fire(sweepEnd(snapshot, config.objectives))),
    );
    return this;
  }

  /**
   * Before the process exits: the hooks queued (on_sweep_end among them) run, for at most
   * on_sweep_end's timeout; whatever still runs then is killed, and what never started is said.
   */
  async finish(): Promise<void> {
    for (const off of this.unsubscribe.splice(0)) off();
    const bound = this.host.resolved.hooks.on_sweep_end?.timeoutMs ?? FINISH_DEFAULT_MS;
    let timer: NodeJS.Timeout | undefined;
    const idle = this.pending === 0 ? Promise.resolve() : new Promise<void>((resolve) => (this.idle = resolve));
    await Promise.race([idle, new Promise<void>((resolve) => (timer = setTimeout(resolve, bound)))]);
    clearTimeout(timer);
    this.closed = true;
    killRunningHooks();
  }

  /** Queues the event's hook, if it has one, behind the earlier hooks of the same event. */
  fire(occasion: HookOccasion): void {
    const hook = this.host.resolved.hooks[occasion.event];
    if (!hook || this.closed) return;
    this.pending++;
    const previous = this.queues.get(occasion.event) ?? Promise.resolve();
    const next = previous
      .then(() => this.run(hook, occasion))
      // sweeptop's own fault (a value it cannot render): said as a failure of the hook, never thrown at the sweep
      .catch((error: unknown) => this.report(hook, [], { ...NOT_RUN, error: (error as Error).message }))
      .finally(() => this.settled());
    this.queues.set(occasion.event, next);
  }

  private settled(): void {
    if (--this.pending === 0) this.idle?.();
  }

  private async run(hook: CompiledHook, occasion: HookOccasion): Promise<void> {
    if (this.closed) return;
    const run = hookRun(hook, occasion, this.host.resolved.config, this.options.env ?? process.env);
    const result = await runHook(run);
    if (failed(result)) this.report(hook, run.argv, result);
  }

  private report(hook: CompiledHook, argv: readonly string[], result: HookResult): void {
    const failure: HookFailure = {
      event: hook.event,
      time: Date.now(),
      command: quoteArgv(argv),
      exitCode: result.exitCode,
      signal: result.signal,
      timedOut: result.timedOut,
      error: result.error,
      stderrTail: stderrTail(result),
    };
    this.host.recordHookFailure(failure, describeHookFailure(failure, hook.timeoutMs));
  }
}

/** A hook's argv, stdin, environment and folder for an occasion: the same for a sweep's hooks and `hooks test`. */
export function hookRun(
  hook: CompiledHook,
  occasion: HookOccasion,
  config: HookHost['resolved']['config'],
  env: NodeJS.ProcessEnv,
): HookRun {
  return {
    argv: renderCommand(hook.command, hookVars(occasion, config.parameters)),
    stdin: `${JSON.stringify(hookEventJson(occasion, config.objectives))}\n`,
    env: { ...env, ...hookEnv(occasion) },
    // the trials' folder, so that a hook's relative paths mean what the command's do
    cwd: config.cwd,
    timeoutMs: hook.timeoutMs,
  };
}

function pickSweep({ name, dir, phase, stopReason, bestTrialId, trialsTarget }: SweepSnapshot): HookOccasion['sweep'] {
  return { name, dir, phase, stopReason, bestTrialId, trialsTarget };
}

/** on_sweep_end: the stop reason, and the best trial (a sweep of several objectives: its front). */
function sweepEnd(snapshot: SweepSnapshot, objectives: readonly ObjectiveSpec[]): HookOccasion {
  const best: TrialSnapshot | null =
    objectives.length > 1 || snapshot.bestTrialId === null ? null : (snapshot.trials.find((t) => t.id === snapshot.bestTrialId) ?? null);
  return {
    event: 'on_sweep_end',
    sweep: pickSweep(snapshot),
    trial: best,
    reason: snapshot.stopReason,
    ...(objectives.length > 1 && { front: frontOf(snapshot.trials, objectives).front.map((t) => t.id) }),
  };
}
