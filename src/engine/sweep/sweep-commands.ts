/**
 * The sweep as a command reaches it (the CommandTarget of command-handler.ts): a trial's command
 * goes to TrialCommands, a change of the sweep's limits to its standing, a trial typed by hand to
 * the roster; each change is announced to every client and written to sweep.json, and an accepted
 * command is recorded as an intervention (who, when, what).
 */
import type { Params, SearchSpace } from '../../plugin-api/space.js';
import type { TrialState } from '../../plugin-api/trial-state.js';
import type { CommandResult, EngineCommand } from '../commands.js';
import type { EngineEmitter } from '../emitter.js';
import type { SweepPhase } from '../events.js';
import type { ActionSubject } from '../trial/actions.js';
import type { SweepStore } from '../state/sweep-store.js';
import { applyCommand, type CommandTarget, interventionFor } from './command-handler.js';
import type { ResolvedSweep } from './resolved.js';
import type { SweepStanding } from './sweep-standing.js';
import type { TrialCommands } from './trial-commands.js';
import type { TrialEntry } from './trial-entry.js';
import type { TrialRoster } from './trial-roster.js';

/** What the commands read of the sweep, and what of it they ask for. */
export interface CommandsHost {
  readonly phase: SweepPhase;
  readonly launching: boolean;
  readonly resolved: ResolvedSweep;
  readonly emitter: EngineEmitter;
  emitUpdate(entry: TrialEntry, previousState: TrialState | null): void;
  stopAll(reason: string, force: boolean): void;
  /** Launches what may run now (a command may have freed or added a slot, or a trial). */
  pump(): void;
}

export class SweepCommands implements CommandTarget {
  constructor(
    private readonly host: CommandsHost,
    /** The sweep's own standing: parallel and trialsTarget change here. */
    private readonly standing: SweepStanding,
    private readonly roster: TrialRoster,
    private readonly trialCommands: TrialCommands,
    private readonly store: SweepStore,
  ) {}

  async execute(command: EngineCommand, by: string): Promise<CommandResult> {
    const result = await applyCommand(this, command, by);
    if (result.ok) {
      const intervention = interventionFor(command, result, by);
      this.standing.interventions.push(intervention);
      this.host.emitter.emit('sweep:intervention', intervention);
      this.store.touch();
      this.host.pump();
      // answered only once sweep.json says so: `status` reads it, and its coalesced writes lag
      // by seconds when writing is slow (trials resumed were still shown paused)
      await this.store.flush();
    }
    return result;
  }

  get phase(): SweepPhase {
    return this.host.phase;
  }

  get launching(): boolean {
    return this.host.launching;
  }

  get space(): SearchSpace {
    return this.host.resolved.config.parameters;
  }

  get trialCount(): number {
    return this.roster.entries.size;
  }

  get repeats(): number | null {
    return this.host.resolved.config.repeats;
  }

  trial(id: number): ActionSubject | undefined {
    return this.roster.entries.get(id);
  }

  pauseTrial(id: number): Promise<void> {
    return this.trialCommands.pause(this.roster.entries.get(id)!);
  }

  resumeTrial(id: number): Promise<void> {
    return this.trialCommands.resume(this.roster.entries.get(id)!);
  }

  killTrial(id: number, by: string): Promise<void> {
    return this.trialCommands.kill(this.roster.entries.get(id)!, by);
  }

  promoteTrial(id: number): Promise<void> {
    return this.trialCommands.promote(this.roster.entries.get(id)!);
  }

  setParallel(value: number): void {
    this.standing.parallel = value;
    this.emitSettings();
  }

  setTrialsTarget(value: number): void {
    this.standing.trialsTarget = value;
    this.emitSettings();
  }

  /**
   * The one way a trial not suggested by the sampler is created: typed by hand, `ctl add`
   * (`--from` a file too), `rerun`, and the sweep file's `enqueue:` rows. It runs next — or right
   * behind `after` while that trial still waits, so that the rows of a file keep their order —
   * with its own repeats when given. The sampler sees it in its history like any other trial.
   */
  addTrial(params: Params, repeats: number | null = null, after: number | null = null): number {
    const entry = this.roster.create(params, repeats);
    const behind = after === null ? -1 : this.roster.queue.indexOf(after);
    this.roster.queue.splice(behind + 1, 0, entry.id);
    this.standing.trialsTarget++;
    this.host.emitUpdate(entry, null);
    this.host.emitter.emit('sweep:settings', { parallel: this.standing.parallel, trialsTarget: this.standing.trialsTarget });
    return entry.id;
  }

  stopAll(reason: string, force: boolean): void {
    this.host.stopAll(reason, force);
  }

  private emitSettings(): void {
    this.host.emitter.emit('sweep:settings', { parallel: this.standing.parallel, trialsTarget: this.standing.trialsTarget });
    this.store.touch();
  }
}
