/**
 * Drives a FakeClient like a live sweep: `parallel` trials run at once, each reporting the
 * objective (and an accuracy) `linesPerSecond` times a second plus a line of output, finishing after
 * `steps` reports; finished trials are replaced from the queue. Deterministic curves (no Math.random)
 * so runs compare.
 */
import { type FakeClient, makeTrial } from './fake-client.js';

export interface SimulationOptions {
  trials: number;
  parallel: number;
  linesPerSecond: number;
  steps: number;
  /** Trials already finished when the simulation starts (a long sweep's history). */
  finished?: number;
}

export function seedSweep(client: FakeClient, options: SimulationOptions): void {
  const now = Date.now();
  for (let id = 1; id <= options.trials; id++) {
    const done = id <= (options.finished ?? 0);
    const curve = Array.from({ length: done ? 20 : 0 }, (_, s) => lossAt(id, s));
    client.state.trials.push(
      makeTrial(
        id,
        done
          ? {
              state: id % 5 === 0 ? 'pruned' : 'completed',
              startedAt: now - 60_000,
              endedAt: now - 1000,
              runtimeMs: 59_000,
              objective: curve[curve.length - 1],
              best: Math.min(...curve),
              step: 19,
              steps: 20,
              reason: id % 5 === 0 ? 'pruned at step 19: val_loss 0.81 > median 0.62 of 7 trials' : 'exit code 0',
            }
          : {},
      ),
    );
  }
}

export function lossAt(id: number, step: number): number {
  const rate = 0.05 + ((id * 37) % 11) / 100;
  return 0.3 + ((id * 13) % 7) / 20 + Math.exp(-rate * step) + 0.02 * Math.sin(step + id);
}

export function simulate(client: FakeClient, options: SimulationOptions): () => void {
  const running = new Map<number, { step: number; pid: number }>();
  let nextPid = 40_000;
  const launch = () => {
    while (running.size < client.state.parallel) {
      const next = client.state.trials.find((t) => t.state === 'queued');
      if (!next) return;
      running.set(next.id, { step: 0, pid: nextPid++ });
      client.update(next.id, { state: 'running', startedAt: Date.now(), pid: running.get(next.id)!.pid });
    }
  };
  launch();
  const interval = 1000 / options.linesPerSecond;
  const timer = setInterval(() => {
    for (const [id, run] of running) {
      const trial = client.state.trials.find((t) => t.id === id)!;
      if (trial.state !== 'running') {
        if (trial.state !== 'paused') running.delete(id);
        continue;
      }
      const value = lossAt(id, run.step);
      const leader = client.state.trials.find((t) => t.id === client.state.bestTrialId);
      if (!leader || (leader.best ?? Infinity) > value) {
        client.state.bestTrialId = id;
        client.emit('sweep:best', { trialId: id, objective: value });
      }
      client.emit('trial:metric', { trialId: id, name: 'val_loss', step: run.step, value, time: Date.now(), provisional: false });
      client.emit('trial:metric', {
        trialId: id,
        name: 'accuracy',
        step: run.step,
        value: 1 - value / 2,
        time: Date.now(),
        provisional: false,
      });
      client.emit('trial:output', { trialId: id, stream: 'stdout', line: `epoch ${run.step} val_loss=${value.toFixed(4)}` });
      // The engine's snapshot carries these too; keep the fake's in step for late subscribers.
      trial.objective = value;
      trial.best = Math.min(trial.best ?? Infinity, value);
      trial.step = run.step;
      run.step++;
      if (run.step >= options.steps) {
        running.delete(id);
        client.update(id, {
          state: 'completed',
          endedAt: Date.now(),
          runtimeMs: Date.now() - (trial.startedAt ?? Date.now()),
          reason: 'exit code 0',
          exitCode: 0,
        });
      }
    }
    launch();
  }, interval);
  return () => clearInterval(timer);
}

export { makeTrial };
