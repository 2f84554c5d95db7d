/**
 * The one door between sweeptop and its plugins: the built-in ones plus the user's own modules
 * (`plugins: [./my_parser.mjs]`), looked up by kind and name. Nothing outside plugins/ imports a
 * plugin file; everything asks the registry. A user plugin with a built-in's name replaces it and
 * leaves a note saying so. An unknown name is an error that lists the valid ones.
 */
import { pathToFileURL } from 'node:url';
import { PluginOptionError } from '../src/plugin-api/errors.js';
import type { ParserPlugin } from '../src/plugin-api/parser.js';
import type { Plugin, PluginKind } from '../src/plugin-api/plugin.js';
import type { Pruner, PrunerContext, PrunerPlugin, PrunerSpec } from '../src/plugin-api/pruner.js';
import { executorPlugins } from './executors/index.js';
import { parserPlugins } from './parsers/index.js';
import { prunerPlugins } from './pruners/index.js';
import { samplerPlugins } from './samplers/index.js';

export const PLUGIN_KINDS: readonly PluginKind[] = ['parser', 'pruner', 'sampler', 'executor'];

/** The built-in parsers' names in the order `parsers: [auto]` tries them. */
export const AUTO_PARSER_ORDER: readonly string[] = parserPlugins.map((plugin) => plugin.name);

/** A user module that could not be loaded; `index` is its place in the `plugins:` list. */
export class PluginLoadError extends Error {
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(message);
  }
}

export class PluginRegistry {
  /** One line per built-in a user plugin replaced. */
  readonly notes: string[] = [];
  private readonly byKind = new Map<PluginKind, Map<string, Plugin>>();
  private readonly builtIn = new Set<Plugin>();

  constructor(builtIns: Iterable<Plugin>) {
    for (const kind of PLUGIN_KINDS) this.byKind.set(kind, new Map());
    for (const plugin of builtIns) {
      this.byKind.get(plugin.kind)!.set(plugin.name, plugin);
      this.builtIn.add(plugin);
    }
  }

  /** `origin` (the module's path) names who replaced a built-in in the note. */
  add(plugin: Plugin, origin = 'a plugin module'): void {
    const plugins = this.byKind.get(plugin.kind)!;
    const replaced = plugins.get(plugin.name);
    if (replaced && this.builtIn.has(replaced)) this.notes.push(`${origin} replaces the built-in ${plugin.kind} "${plugin.name}"`);
    plugins.set(plugin.name, plugin);
  }

  list(kind: 'parser'): ParserPlugin[];
  list(kind: PluginKind): Plugin[];
  list(kind: PluginKind): Plugin[] {
    return [...this.byKind.get(kind)!.values()];
  }

  names(kind: PluginKind): string[] {
    return [...this.byKind.get(kind)!.keys()];
  }

  /** Throws PluginOptionError(field, …) naming the valid choices when `name` is unknown. */
  get<P extends Plugin>(kind: PluginKind, name: string, field: string = kind): P {
    const plugin = this.byKind.get(kind)!.get(name);
    if (!plugin) throw new PluginOptionError(field, `unknown ${kind} ${JSON.stringify(name)}; valid: ${this.names(kind).join(', ')}`);
    return plugin as P;
  }

  /**
   * A pruner from its spec (`{type: median, n_startup_trials: 5}`). Wrapping pruners (`patient`)
   * build the pruner they wrap through the same registry, so a user's pruner can be wrapped too.
   */
  createPruner(spec: PrunerSpec, context: Omit<PrunerContext, 'createPruner'>): Pruner {
    const { type, ...options } = spec;
    return this.get<PrunerPlugin>('pruner', type, 'type').create(options, {
      ...context,
      createPruner: (inner) => this.createPruner(inner, context),
    });
  }
}

export function builtInRegistry(): PluginRegistry {
  return new PluginRegistry([...parserPlugins, ...prunerPlugins, ...samplerPlugins, ...executorPlugins] as Plugin[]);
}

/** A pruner from the built-ins alone (tests, benchmarks, a curves file replayed without plugins). */
export function createPruner(spec: PrunerSpec, context: Omit<PrunerContext, 'createPruner'>): Pruner {
  return builtInRegistry().createPruner(spec, context);
}

export async function loadRegistry(userModules: readonly string[] = []): Promise<PluginRegistry> {
  const registry = builtInRegistry();
  for (const [index, path] of userModules.entries()) {
    for (const plugin of await loadUserModule(path, index)) registry.add(plugin, path);
  }
  return registry;
}

async function loadUserModule(path: string, index: number): Promise<Plugin[]> {
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ERR_MODULE_NOT_FOUND' ? 'no such module' : (error as Error).message.split('\n')[0];
    throw new PluginLoadError(index, `cannot load ${path}: ${why}`);
  }
  const exported = Object.values(module).flatMap((value) => (Array.isArray(value) ? value : [value]));
  const plugins = exported.filter(isPlugin);
  if (plugins.length === 0) {
    throw new PluginLoadError(
      index,
      `${path} exports no plugin (an object with name, kind: ${PLUGIN_KINDS.join('|')}, and create(options))`,
    );
  }
  return plugins;
}

function isPlugin(value: unknown): value is Plugin {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Plugin>;
  return (
    typeof candidate.name === 'string' && PLUGIN_KINDS.includes(candidate.kind as PluginKind) && typeof candidate.create === 'function'
  );
}
