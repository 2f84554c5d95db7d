/**
 * What a sweep of several objectives refuses, at load time, with one line each: every feature
 * below judges a trial by one number, and applying it to the first objective alone would quietly
 * optimise that objective while the user believes all of them count.
 *
 * - a pruner stops a trial whose curve is worse than the others' — worse in which objective? A
 *   trial slow to gain accuracy may be the fastest one; Optuna refuses too (`Trial.should_prune`
 *   raises for multi-objective studies);
 * - pruning across runs is the same rule over runs instead of steps;
 * - a budget promotes the best 1/η of a level: "best" is not a single ranking on a front.
 *
 * The sampler is checked when it is created (resolve.ts), as it may be the user's own.
 * `stop_when` is defined per objective (a condition names one; stop-rules.ts) and stays allowed.
 */
import type { ConfigSource } from './source.js';
import type { SweepFile } from './schema/sweep-file.js';
import type { SweepConfig } from './sweep-config.js';

export function checkSeveralObjectives(config: SweepConfig, declared: SweepFile, source: ConfigSource): void {
  if (config.objectives.length < 2) return;
  const several = `this sweep has ${config.objectives.length} objectives (${config.objectives.map((o) => o.name).join(', ')})`;
  if (config.pruner.type !== 'none') {
    throw source.error(
      ['pruner'],
      `a pruner judges one objective and ${several}; remove pruner (Optuna does not prune multi-objective studies either)`,
    );
  }
  if (declared.runs_pruning !== undefined && declared.runs_pruning !== false) {
    throw source.error(['runs_pruning'], `pruning across runs judges one objective and ${several}; remove runs_pruning`);
  }
  if (config.budget !== null) {
    throw source.error(['budget'], `a budget promotes the best trials of a level by one objective and ${several}; remove budget`);
  }
}

/** What a sampler that reads the objectives must read all of, for the sweep's objectives. */
export function severalObjectivesSamplerError(type: string): string {
  return `${type} does not support several objectives yet; use tpe, random, sobol or grid`;
}
