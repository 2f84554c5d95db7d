/**
 * The sweep's trials and which one runs next: first the queue (trials typed by hand, re-runs,
 * trials restored as queued), then a new suggestion from the sampler — asked for one at a time,
 * as a slot frees up, so that each suggestion sees every result recorded before it.
 */
import type { SamplerTrial } from '../../plugin-api/sampler.js';
import { Rng } from '../../plugin-api/rng.js';
import type { Params } from '../../plugin-api/space.js';
import { trialPaths } from '../state/layout.js';
import { trialArgv } from './launch-spec.js';
import type { ResolvedSweep } from './resolved.js';
import { TrialEntry } from './trial-entry.js';
import { attachRuns } from './run-entry.js';
import { checkGivenParams } from '../config/given-params.js';

export class SamplerFailure extends Error {}

export class TrialRoster {
  readonly entries = new Map<number, TrialEntry>();
  /** Trial ids waiting to run before any new suggestion, in order. */
  readonly queue: number[] = [];
  /**
   * What the sampler sees: a warm start's trials (ids below 0), then every trial, by reference,
   * so it follows their progress.
   */
  private readonly history: SamplerTrial[];
  /**
   * Below it every id is taken. Ids are not dense after a restart: a controller killed while one
   * trial's folder was still being built and after a later one's reached the disk leaves a gap,
   * which the next new trial fills, so the sweep still runs its whole budget.
   */
  private lowestFree = 0;
  private exhausted = false;

  constructor(
    private readonly resolved: ResolvedSweep,
    private readonly dir: string,
  ) {
    this.history = [...(resolved.warmStart?.trials ?? [])];
  }

  /** The grid ran out: no more suggestions, whatever the trial budget says. */
  get samplerExhausted(): boolean {
    return this.exhausted;
  }

  /** A trial read back from disk by a restarted controller. */
  restore(entry: TrialEntry): void {
    this.add(entry);
  }

  hasMore(trialsTarget: number): boolean {
    return this.queue.length > 0 || (this.entries.size < trialsTarget && !this.exhausted);
  }

  private freeId(): number {
    while (this.entries.has(this.lowestFree)) this.lowestFree++;
    return this.lowestFree;
  }

  /**
   * The next trial to launch and whether it was just created; undefined when the queue is empty
   * and the budget spent (or the grid exhausted). A sampler that throws becomes a SamplerFailure.
   */
  next(trialsTarget: number): { entry: TrialEntry; created: boolean } | undefined {
    const queued = this.queue.shift();
    if (queued !== undefined) return { entry: this.entries.get(queued)!, created: false };
    if (this.entries.size >= trialsTarget || this.exhausted) return undefined;
    const id = this.freeId();
    let params: Params | undefined;
    try {
      const rng = Rng.derive('sweeptop', this.resolved.config.seed, 'trial', id);
      params = this.resolved.sampler.suggest({ trialId: id, rng, history: this.history });
    } catch (error) {
      throw new SamplerFailure(`the ${this.resolved.config.sampler.type} sampler failed: ${(error as Error).message}`);
    }
    if (!params) {
      this.exhausted = true;
      return undefined;
    }
    this.checkPresence(params);
    return { entry: this.create(params), created: true };
  }

  /**
   * In a space with `when:` conditions, a suggestion must hold exactly its active parameters: a
   * sampler that ignores them (one written before conditions existed) would hand the command values
   * the user declared absent. That stops the sweep with the reason rather than run such a trial.
   */
  private checkPresence(params: Params): void {
    const space = this.resolved.config.parameters;
    if (!space.some((p) => p.when !== undefined)) return;
    const fit = checkGivenParams(space, params);
    if ('problem' in fit) {
      throw new SamplerFailure(
        `the ${this.resolved.config.sampler.type} sampler suggested values that do not follow the parameters' when: conditions: ${fit.problem.detail}`,
      );
    }
  }

  /** `repeats`: the trial's own, above the sweep's (`rerun --repeats`). */
  create(params: Params, repeats: number | null = null): TrialEntry {
    const id = this.freeId();
    const { config } = this.resolved;
    const entry = new TrialEntry(id, params, config.cwd, trialPaths(this.dir, id), config.objectives);
    entry.repeats = repeats;
    attachRuns(entry, config);
    entry.argv = trialArgv(entry.runs?.[0] ?? entry, this.resolved.command, config, this.dir);
    this.add(entry);
    return entry;
  }

  /** Keeps the entries, and the history the sampler sees, in id order, also when an id fills a gap. */
  private add(entry: TrialEntry): void {
    const last = this.history.at(-1);
    if (last === undefined || last.id < entry.id) {
      this.entries.set(entry.id, entry);
      this.history.push(entry.samplerView);
      return;
    }
    this.history.splice(
      this.history.findIndex((t) => t.id > entry.id),
      0,
      entry.samplerView,
    );
    const sorted = [...this.entries.values(), entry].sort((a, b) => a.id - b.id);
    this.entries.clear();
    for (const e of sorted) this.entries.set(e.id, e);
  }
}
