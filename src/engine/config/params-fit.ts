/**
 * Whether a set of values is a trial of the search space: each parameter present exactly when its
 * `when:` holds for the values above it, each present value allowed. Shared by every way a trial
 * enters a sweep other than a sampler: `ctl add` and the TUI's new trial, warm start, resume.
 */
import { parameterIsActive } from '../../plugin-api/condition.js';
import { allows, type Params, type ParamValue, type SearchSpace } from '../../plugin-api/space.js';
import { conditionText } from './condition-text.js';

/**
 * `given` completed with the constants it leaves out, or the first problem with it. Only the
 * active constants are filled in; an inactive parameter given is refused, as is a value outside
 * its parameter or a name the space lacks.
 */
export function fitParams(space: SearchSpace, given: Params): { params: Params } | { problem: string } {
  const params: Params = {};
  for (const parameter of space) {
    const { name } = parameter;
    const has = Object.hasOwn(given, name);
    if (!parameterIsActive(parameter, params)) {
      if (has) return { problem: `${name} is absent for these values (it needs ${conditionText(parameter.when!)}); leave it out` };
      continue;
    }
    const value: ParamValue | undefined = has ? given[name] : parameter.kind === 'const' ? parameter.value : undefined;
    if (value === undefined) {
      const why = parameter.when ? ` (present because ${conditionText(parameter.when)})` : '';
      return { problem: `missing a value for ${name}${why}` };
    }
    if (!allows(parameter, value)) return { problem: `${name}=${String(value)} is outside the search space` };
    params[name] = value;
  }
  const unknown = Object.keys(given).find((name) => !space.some((p) => p.name === name));
  if (unknown) return { problem: `no parameter named ${unknown}` };
  return { params };
}
