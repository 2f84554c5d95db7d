/**
 * Built-in plugins plus the user's own modules (`plugins: [./my_parser.mjs]`), looked up by kind
 * and name. A user plugin with a built-in's name replaces it. An unknown name is an error that
 * lists the valid ones.
 */
import { pathToFileURL } from 'node:url';
import { PluginOptionError } from '../src/engine/errors.js';
import { executorPlugins } from './executors/index.js';
import { parserPlugins } from './parsers/index.js';
import type { Plugin, PluginKind } from './plugin.js';
import { prunerPlugins } from './pruners/index.js';
import { samplerPlugins } from './samplers/index.js';

const KINDS: readonly PluginKind[] = ['parser', 'pruner', 'sampler', 'executor'];

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
  private readonly byKind = new Map<PluginKind, Map<string, Plugin>>();

  constructor(plugins: Iterable<Plugin>) {
    for (const kind of KINDS) this.byKind.set(kind, new Map());
    for (const plugin of plugins) this.add(plugin);
  }

  add(plugin: Plugin): void {
    this.byKind.get(plugin.kind)!.set(plugin.name, plugin);
  }

  list(kind: PluginKind): Plugin[] {
    return [...this.byKind.get(kind)!.values()];
  }

  names(kind: PluginKind): string[] {
    return [...this.byKind.get(kind)!.keys()];
  }

  /** Throws PluginOptionError(field, …) naming the valid choices when `name` is unknown. */
  get<P extends Plugin>(kind: PluginKind, name: string, field: string = kind): P {
    const plugin = this.byKind.get(kind)!.get(name);
    if (!plugin) throw new PluginOptionError(field, `unknown ${kind} "${name}"; valid: ${this.names(kind).join(', ')}`);
    return plugin as P;
  }
}

export function builtInPlugins(): Plugin[] {
  return [...parserPlugins, ...prunerPlugins, ...samplerPlugins, ...executorPlugins] as Plugin[];
}

export async function loadRegistry(userModules: readonly string[] = []): Promise<PluginRegistry> {
  const registry = new PluginRegistry(builtInPlugins());
  for (const [index, path] of userModules.entries()) {
    for (const plugin of await loadUserModule(path, index)) registry.add(plugin);
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
    throw new PluginLoadError(index, `${path} exports no plugin (an object with name, kind: ${KINDS.join('|')}, and create(options))`);
  }
  return plugins;
}

function isPlugin(value: unknown): value is Plugin {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Plugin>;
  return typeof candidate.name === 'string' && KINDS.includes(candidate.kind as PluginKind) && typeof candidate.create === 'function';
}
