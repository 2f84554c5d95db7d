/**
 * An in-memory SweepClient for UI tests and the benchmark: it holds a snapshot, emits the events a
 * test asks for, records every command, and (with `engine: true`) answers commands the way the
 * engine's contract says (pause/resume, kill, promote, parallelism, new trials, stop).
 */
import type { SweepClient } from '../../src/engine/client.js';
import type { CommandResult, EngineCommand } from '../../src/engine/commands.js';
import type { EngineEventName, EngineEvents, SweepSnapshot, TrialSnapshot } from '../../src/engine/events.js';
import { isFinished, type TrialState } from '../../src/plugin-api/trial-state.js';

export function makeTrial(id: number, patch: Partial<TrialSnapshot> = {}): TrialSnapshot {
  return {
    id,
    attempt: 0,
    params: { lr: 0.001 * (1 + (id % 7)), batch: [16, 32, 64][id % 3], optimizer: id % 2 ? 'adam' : 'sgd' },
    state: 'queued',
    promoted: false,
    argv: ['python', 'train.py', '--lr', String(0.001 * (1 + (id % 7)))],
    command: `python train.py --lr ${0.001 * (1 + (id % 7))}`,
    cwd: '/tmp',
    dir: `/tmp/sweep/trials/${id}`,
    gpus: null,
    host: null,
    pid: null,
    pendingReason: null,
    startedAt: null,
    endedAt: null,
    runtimeMs: 0,
    exitCode: null,
    signal: null,
    reason: null,
    objective: null,
    best: null,
    step: null,
    steps: 0,
    spread: null,
    contexts: 0,
    objectiveSource: null,
    echoed: {},
    lastMetrics: {},
    stderrTail: [],
    pruneThreshold: null,
    silentSince: null,
    progress: null,
    etaMs: null,
    ...patch,
  };
}

export function makeSnapshot(patch: Partial<SweepSnapshot> = {}): SweepSnapshot {
  return {
    name: 'demo-sweep',
    dir: '/tmp/sweep',
    metric: { name: 'val_loss', goal: 'minimize', value: 'last', combine: 'mean' },
    parameters: [
      { kind: 'float', name: 'lr', low: 1e-4, high: 1e-1, log: true },
      { kind: 'choice', name: 'batch', values: [16, 32, 64] },
      { kind: 'choice', name: 'optimizer', values: ['adam', 'sgd'] },
      { kind: 'const', name: 'epochs', value: 10 },
    ],
    sampler: 'random',
    pruner: 'median',
    executor: 'local',
    parallel: 4,
    trialsTarget: 20,
    gpus: null,
    gpusPerTrial: 0,
    startedAt: Date.now(),
    finishedAt: null,
    phase: 'running',
    stopReason: null,
    bestTrialId: null,
    trials: [],
    ...patch,
  };
}

type Listener = (payload: never) => void;

export class FakeClient implements SweepClient {
  readonly commands: { command: EngineCommand; by: string }[] = [];
  private listeners = new Map<EngineEventName, Set<Listener>>();
  /** Answer for the next commands (default ok); a function may compute it. */
  answer: CommandResult | ((command: EngineCommand) => CommandResult) = { ok: true };

  constructor(
    public state: SweepSnapshot = makeSnapshot(),
    private readonly options: { engine?: boolean } = {},
  ) {}

  snapshot(): SweepSnapshot {
    return structuredClone(this.state);
  }

  on<E extends EngineEventName>(event: E, listener: (payload: EngineEvents[E]) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  emit<E extends EngineEventName>(event: E, payload: EngineEvents[E]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (p: EngineEvents[E]) => void)(payload);
  }

  listenerCount(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  /** Replaces a trial in the snapshot and emits trial:updated (and trial:ended when it ended). */
  update(id: number, patch: Partial<TrialSnapshot>): TrialSnapshot {
    const index = this.state.trials.findIndex((t) => t.id === id);
    const previous = index === -1 ? null : this.state.trials[index];
    const trial = previous ? { ...previous, ...patch } : makeTrial(id, patch);
    if (index === -1) this.state.trials.push(trial);
    else this.state.trials[index] = trial;
    this.emit('trial:updated', { trial, previousState: previous?.state ?? null });
    if (isFinished(trial.state) && previous?.state !== trial.state) this.emit('trial:ended', { trial });
    return trial;
  }

  async execute(command: EngineCommand, by: string): Promise<CommandResult> {
    this.commands.push({ command, by });
    const answer = typeof this.answer === 'function' ? this.answer(command) : this.answer;
    if (answer.ok && this.options.engine) return this.carryOut(command, by);
    return answer;
  }

  private carryOut(command: EngineCommand, by: string): CommandResult {
    const trial = 'trialId' in command ? this.state.trials.find((t) => t.id === command.trialId) : undefined;
    const set = (state: TrialState, patch: Partial<TrialSnapshot> = {}) => trial && this.update(trial.id, { state, ...patch });
    switch (command.type) {
      case 'pause':
        set('paused');
        break;
      case 'resume':
        set('running');
        break;
      case 'kill':
        set('killed', { endedAt: Date.now(), reason: `killed by ${by}` });
        break;
      case 'promote':
        if (trial && (trial.state === 'pruned' || trial.state === 'killed')) {
          set('queued', { promoted: true, reason: null, attempt: trial.attempt + 1, step: null, objective: null, best: null, steps: 0 });
        } else if (trial) set(trial.state === 'paused' ? 'running' : trial.state, { promoted: true });
        break;
      case 'setParallel':
        this.state.parallel = command.value;
        this.emit('sweep:settings', { parallel: command.value, trialsTarget: this.state.trialsTarget });
        break;
      case 'setTrials':
        this.state.trialsTarget = command.value;
        this.emit('sweep:settings', { parallel: this.state.parallel, trialsTarget: command.value });
        break;
      case 'addTrial': {
        const id = Math.max(0, ...this.state.trials.map((t) => t.id)) + 1;
        this.update(id, { params: command.params, promoted: true });
        return { ok: true, trialId: id };
      }
      case 'stop':
        this.state.phase = 'finished';
        this.emit('sweep:stopping', { reason: 'stopped by user', phase: 'stopping' });
        this.emit('sweep:finished', { snapshot: this.snapshot() });
        break;
    }
    this.emit('sweep:intervention', { time: Date.now(), by, command: command.type, trialId: trial?.id ?? null });
    return { ok: true };
  }
}
