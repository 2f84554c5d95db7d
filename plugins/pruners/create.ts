/**
 * Builds a pruner from a spec (`{type: median, n_startup_trials: 5}`) against a list of plugins,
 * passing itself along so that wrapping pruners (`patient`) can build the pruner they wrap.
 */
import { PluginOptionError } from '../../src/engine/errors.js';
import { prunerPlugins } from './index.js';
import type { Pruner, PrunerContext, PrunerPlugin, PrunerSpec } from './types.js';

/** Thrown for a `type` no plugin has; the message lists the ones that exist. */
export class UnknownPrunerError extends PluginOptionError {
  constructor(type: string, plugins: readonly PrunerPlugin[]) {
    super('type', `unknown pruner ${JSON.stringify(type)}; expected one of ${plugins.map((p) => p.name).join(', ')}`);
    this.name = 'UnknownPrunerError';
  }
}

export function createPruner(
  spec: PrunerSpec,
  context: Omit<PrunerContext, 'createPruner'>,
  plugins: readonly PrunerPlugin[] = prunerPlugins,
): Pruner {
  const plugin = plugins.find((candidate) => candidate.name === spec.type);
  if (!plugin) throw new UnknownPrunerError(spec.type, plugins);
  const { type: _type, ...options } = spec;
  const fullContext: PrunerContext = {
    ...context,
    createPruner: (inner) => createPruner(inner, context, plugins),
  };
  return plugin.create(options, fullContext);
}
