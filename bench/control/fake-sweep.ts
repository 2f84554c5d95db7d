/**
 * A SweepClient that looks like the engine from outside (a big snapshot built fresh on each call,
 * events, commands) but runs no trials: the control benchmark's figures are then the socket's
 * alone, not a trainer's.
 */
import type { SweepClient } from '../../src/engine/client.js';
import type { CommandResult, EngineCommand } from '../../src/engine/commands.js';
import { EngineEmitter } from '../../src/engine/emitter.js';
import type { EngineEventName, EngineEvents, SweepSnapshot, TrialSnapshot } from '../../src/engine/events.js';

/** Trials shown running; the metric stream reports for them. */
export const RUNNING = 32;

/** Looks like the engine from outside: a big snapshot built fresh on each call, events, commands. */
export class BenchSweep implements SweepClient {
  private readonly emitter = new EngineEmitter();
  private readonly trials: TrialSnapshot[];
  private readonly dir: string;

  constructor(dir: string, trials: number) {
    this.dir = dir;
    this.trials = Array.from({ length: trials }, (_, id) => makeTrial(dir, id, trials));
  }

  snapshot(): SweepSnapshot {
    return {
      name: 'bench',
      dir: this.dir,
      metric: { name: 'val_loss', goal: 'minimize', value: 'last', combine: 'mean' },
      parameters: [
        { kind: 'float', name: 'lr', low: 1e-5, high: 1e-1, log: true },
        { kind: 'int', name: 'layers', low: 1, high: 8, step: 1, log: false },
        { kind: 'choice', name: 'batch_size', values: [32, 64, 128] },
        { kind: 'choice', name: 'optimizer', values: ['adam', 'sgd'] },
      ],
      sampler: 'random',
      pruner: 'median',
      executor: 'local',
      parallel: RUNNING,
      trialsTarget: this.trials.length,
      gpus: null,
      gpusPerTrial: 0,
      startedAt: 0,
      finishedAt: null,
      phase: 'running',
      stopReason: null,
      bestTrialId: 3,
      trials: this.trials.map((t) => ({ ...t, lastMetrics: { ...t.lastMetrics }, stderrTail: [...t.stderrTail] })),
    };
  }

  on<E extends EngineEventName>(event: E, listener: (payload: EngineEvents[E]) => void): () => void {
    return this.emitter.on(event, listener);
  }

  async execute(command: EngineCommand, by: string): Promise<CommandResult> {
    if ('trialId' in command) {
      const trial = this.trials[command.trialId];
      if (!trial) return { ok: false, error: `no trial ${command.trialId} in this sweep` };
      this.emitter.emit('trial:updated', { trial: { ...trial, promoted: true }, previousState: trial.state });
    }
    this.emitter.emit('sweep:intervention', {
      time: Date.now(),
      by,
      command: command.type,
      trialId: 'trialId' in command ? command.trialId : null,
    });
    return { ok: true };
  }

  /** Metric points of the running trials, as a training loop reports them: `perSecond` in all. */
  stream(perSecond: number): () => void {
    let sent = 0;
    const start = performance.now();
    const timer = setInterval(() => {
      const due = Math.floor(((performance.now() - start) / 1000) * perSecond);
      for (; sent < due; sent++) {
        const trialId = this.trials.length - RUNNING + (sent % RUNNING);
        const step = Math.floor(sent / RUNNING);
        const name = ['loss', 'val_loss', 'acc', 'lr'][step % 4];
        this.emitter.emit('trial:metric', {
          trialId,
          name,
          step,
          value: step % 97 === 0 ? NaN : 1 / (step + 1),
          time: Date.now(),
          provisional: false,
        });
      }
    }, 10);
    return () => clearInterval(timer);
  }
}

function makeTrial(dir: string, id: number, total: number): TrialSnapshot {
  const lr = 1e-5 * 10 ** (((id * 7919) % 4000) / 1000);
  const running = id >= total - RUNNING;
  const argv = [
    'python',
    'train.py',
    '--lr',
    String(lr),
    '--layers',
    String(1 + (id % 8)),
    '--batch-size',
    '64',
    '--optimizer',
    'adam',
    '--epochs',
    '20',
  ];
  const objective = running ? 0.5 : id % 20 === 0 ? NaN : 0.1 + ((id * 31) % 1000) / 1000;
  return {
    id,
    attempt: 0,
    params: { lr, layers: 1 + (id % 8), batch_size: 64, optimizer: 'adam' },
    state: running ? 'running' : id % 3 === 0 ? 'pruned' : 'completed',
    promoted: false,
    argv,
    command: argv.join(' '),
    cwd: '/home/user/project',
    dir: `${dir}/trials/${id}`,
    gpus: null,
    host: null,
    pid: running ? 100_000 + id : null,
    pendingReason: null,
    startedAt: 1_700_000_000_000 + id * 1000,
    endedAt: running ? null : 1_700_000_060_000 + id * 1000,
    runtimeMs: 60_000,
    exitCode: running ? null : 0,
    signal: null,
    reason: id % 3 === 0 && !running ? `pruned at step 5: val_loss ${objective} above median 0.31` : null,
    objective,
    best: objective,
    step: 19,
    steps: 20,
    lastMetrics: { loss: 0.2, val_loss: objective, acc: 0.9, lr },
    stderrTail: [],
    spread: null,
    contexts: running ? 0 : 1,
    objectiveSource: null,
    echoed: {},
    pruneThreshold: null,
    silentSince: null,
    progress: null,
    etaMs: null,
  };
}
