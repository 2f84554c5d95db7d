/**
 * A copy of a sweep's snapshot kept up to date from engine events, so that a client of the socket
 * can answer snapshot() as the engine would. A metric point carries the trial's objective as the
 * engine computed it after the point (MetricEvent.standing); everything else the engine changes arrives as a new trial
 * snapshot or a sweep-level event.
 *
 * Two engine fields change without an event and so lag here until the trial's next update (the
 * engine sends one whenever a trial ends): `pruneThreshold` and `stderrTail`; and `runtimeMs` of
 * a running trial (or run) is the value at its last update. A run's point carries that run's result
 * (MetricEvent.run), so an opened trial's runs show their values while they train.
 *
 * Trial objects are replaced, never changed in place, and snapshot() copies the trial array, so a
 * snapshot handed out earlier never changes under its holder.
 */
import type { EngineEventName, EngineEvents, MetricEvent, SweepSnapshot, TrialSnapshot } from '../events.js';
import { withRunResult } from '../run-result.js';

export class SnapshotMirror {
  private state!: SweepSnapshot;
  /** Trial id → position in state.trials. */
  private readonly positions = new Map<number, number>();

  constructor(snapshot: SweepSnapshot) {
    this.reset(snapshot);
  }

  snapshot(): SweepSnapshot {
    return { ...this.state, trials: [...this.state.trials] };
  }

  reset(snapshot: SweepSnapshot): void {
    this.state = { ...snapshot, trials: [...snapshot.trials] };
    this.positions.clear();
    this.state.trials.forEach((trial, position) => this.positions.set(trial.id, position));
  }

  get bestTrialId(): number | null {
    return this.state.bestTrialId;
  }

  has(trialId: number): boolean {
    return this.positions.has(trialId);
  }

  /** Trials of a snapshot that arrived in parts, after its first. */
  add(trials: readonly TrialSnapshot[]): void {
    for (const trial of trials) this.upsert(trial);
  }

  /** Folds one event into the copy; events that change no snapshot field are ignored. */
  apply<E extends EngineEventName>(event: E, payload: EngineEvents[E]): void {
    (this.handlers[event] as ((payload: EngineEvents[E]) => void) | undefined)?.(payload);
  }

  private readonly handlers: { [E in EngineEventName]?: (payload: EngineEvents[E]) => void } = {
    'sweep:started': ({ snapshot }) => this.reset(snapshot),
    'sweep:finished': ({ snapshot }) => this.reset(snapshot),
    'trial:updated': ({ trial }) => this.upsert(trial),
    'trial:ended': ({ trial }) => this.upsert(trial),
    'trial:metric': (event) => this.recordMetric(event),
    'sweep:best': ({ trialId }) => {
      this.state.bestTrialId = trialId;
    },
    'sweep:settings': ({ parallel, trialsTarget }) => {
      this.state.parallel = parallel;
      this.state.trialsTarget = trialsTarget;
    },
    'sweep:disk': ({ diskFull }) => {
      this.state.diskFull = diskFull;
    },
    'sweep:winner': ({ winner }) => {
      this.state.winner = winner;
    },
    'sweep:hook': ({ failure }) => {
      this.state.hookFailure = failure;
    },
    'sweep:stopping': ({ reason, phase }) => {
      this.state.stopReason = reason;
      this.state.phase = phase;
    },
  };

  private upsert(trial: TrialSnapshot): void {
    const position = this.positions.get(trial.id);
    if (position !== undefined) {
      this.state.trials[position] = trial;
      return;
    }
    this.positions.set(trial.id, this.state.trials.length);
    this.state.trials.push(trial);
  }

  private recordMetric(event: MetricEvent): void {
    // a provisional value is still being redrawn by a progress bar; the engine does not record it
    if (event.provisional) return;
    const position = this.positions.get(event.trialId);
    if (position === undefined) return;
    const trial = this.state.trials[position];
    // the engine computed the objective (metrics/objective.ts) and sent it with the point
    const runs = event.run && trial.runs ? withRunResult(trial.runs, event.run) : trial.runs;
    this.state.trials[position] = {
      ...trial,
      ...event.standing,
      ...(runs && { runs }),
      lastMetrics: { ...trial.lastMetrics, [event.name]: event.value },
    };
  }
}
