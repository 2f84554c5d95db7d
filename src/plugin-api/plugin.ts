/**
 * The shapes every plugin shares. A plugin is a named factory: `{ name, kind, create(options) }`.
 * Built-in plugins live one per file under plugins/<kind>s/; a user's module listed in the sweep
 * file's `plugins:` exports plugins of exactly the same shape (default export: one plugin or an array).
 */
import type { OptionsSchema } from './options.js';

export type PluginKind = 'parser' | 'pruner' | 'sampler' | 'executor';

/** `options` is what the sweep file gave besides `type` (`{type: tpe, n_startup_trials: 20}`). */
export interface Plugin<K extends PluginKind = PluginKind, T = unknown, C = unknown> {
  name: string;
  kind: K;
  /** One line shown by `--help`-style listings and in "unknown plugin" errors. */
  description?: string;
  /**
   * The options `create` takes, declared once (`options({...})`, see options.ts): the reference
   * docs and the sweep file's JSON Schema show them, and `create` checks what it is given against
   * them with `readOptions`. Optional: a plugin without it checks its options its own way.
   */
  options?: OptionsSchema;
  /** Throws PluginOptionError (src/engine/errors.ts) naming the bad option. */
  create(options: Record<string, unknown>, context: C): T;
}

export type Goal = 'minimize' | 'maximize';
