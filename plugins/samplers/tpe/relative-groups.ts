/**
 * Which parameters TPE models jointly, decided as Optuna 3.1 decides it from the trials with a
 * result. In a conditional space (`when:`) trials hold different sets of parameters, and a joint
 * model can only learn from trials that hold all of its parameters, so:
 *
 * - independent (the default): every parameter alone;
 * - multivariate: one joint model of the parameters that every finished trial holds (Optuna's
 *   intersection search space); the others alone;
 * - multivariate with group: the parameters split into groups that are always present together —
 *   two parameters share a group when exactly the same finished trials hold them (Optuna's group
 *   decomposition refines its groups trial by trial; it ends at these same classes) — one joint
 *   model per group; a parameter no finished trial holds yet alone.
 *
 * "Alone" in multivariate mode still means Scott's-rule bandwidths, as Optuna's independent
 * fallback keeps its multivariate estimator settings.
 */
import type { SamplerTrial } from '../../../src/plugin-api/sampler.js';

export interface GroupingMode {
  multivariate: boolean;
  group: boolean;
}

/**
 * A partition of `names`' indices: each inner array is modelled jointly, and every index is in
 * exactly one. `finished` are the completed and pruned trials that count (tpe/split.ts).
 */
export function relativeGroups(names: readonly string[], finished: readonly SamplerTrial[], mode: GroupingMode): number[][] {
  const alone = (indices: readonly number[]) => indices.map((i) => [i]);
  const all = names.map((_, i) => i);
  if (!mode.multivariate || finished.length === 0) return alone(all);
  const held = (i: number) => finished.map((trial) => Object.hasOwn(trial.params, names[i]));
  if (!mode.group) {
    const everywhere = all.filter((i) => held(i).every(Boolean));
    const rest = all.filter((i) => !everywhere.includes(i));
    return [...(everywhere.length > 0 ? [everywhere] : []), ...alone(rest)];
  }
  const bySignature = new Map<string, number[]>();
  const nowhere: number[] = [];
  for (const i of all) {
    const presence = held(i);
    if (!presence.some(Boolean)) {
      nowhere.push(i);
      continue;
    }
    const signature = presence.map((present) => (present ? '1' : '0')).join('');
    const group = bySignature.get(signature);
    if (group) group.push(i);
    else bySignature.set(signature, [i]);
  }
  return [...bySignature.values(), ...alone(nowhere)];
}
