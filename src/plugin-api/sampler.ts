/** The sampler interface: given the history, suggest the next trial's parameters. */
import type { Params, SearchSpace } from './space.js';
import type { TrialState } from './trial-state.js';
import type { Rng } from './rng.js';
import type { Goal, Plugin } from './plugin.js';

/** What a sampler knows about one earlier (or still running) trial. */
export interface SamplerTrial {
  id: number;
  params: Params;
  state: TrialState;
  /** Last reported objective value (the final one once completed); null if none; may be NaN. */
  objective: number | null;
  /** Step of the last objective report, so pruned trials can be ranked by how far they got. */
  lastStep: number | null;
  /**
   * Every objective's value, in the order of SamplerContext.goals (the first is `objective`);
   * null where not reported. sweeptop always sets it (one value in a sweep of one objective);
   * it is optional so that a history written by hand, in a plugin's tests, need not.
   */
  objectives?: ReadonlyArray<number | null>;
}

export interface SuggestRequest {
  /** The id the suggestion will run under. */
  trialId: number;
  /** Seeded from (sweep seed, trial id): the same seed and history give the same suggestion. */
  rng: Rng;
  /** Every trial so far in id order, queued and running ones included. */
  history: readonly SamplerTrial[];
}

export interface Sampler {
  /** The next parameters, or undefined when the space is exhausted (grid). */
  suggest(request: SuggestRequest): Params | undefined;
  /**
   * False when suggestions do not depend on earlier trials (random, sobol): a warm start then
   * changes nothing, and the user is told so. @default true
   */
  learnsFromHistory?: boolean;
  /** Number of distinct suggestions when finite (grid); the default for `trials`. */
  size?(): number;
  /**
   * Which objective values its suggestions depend on: `none` (random, sobol, grid: they never
   * read a value), `first` (the first objective alone, `objective`), or `all` (every one, from
   * `objectives` and `goals`). A sweep of several objectives refuses a `first` sampler: it would
   * optimise the first objective alone while the user believes all of them count. @default 'first'
   */
  readsObjectives?: 'none' | 'first' | 'all';
}

export interface SamplerContext {
  space: SearchSpace;
  /** The first objective's goal (the only one of a single-objective sweep). */
  goal: Goal;
  /**
   * Every objective's goal, in the sweep file's order; `goals[0]` is `goal`. sweeptop always sets
   * it; optional so that a plugin's tests need not.
   */
  goals?: readonly Goal[];
  seed: number;
}

export type SamplerPlugin = Plugin<'sampler', Sampler, SamplerContext>;
