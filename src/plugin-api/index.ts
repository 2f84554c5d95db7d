/**
 * What a plugin may use, and all it may use: the interface of each plugin kind and the small
 * helpers the built-in plugins share. Published as `sweeptop/plugin`, so a user's own plugin is
 * written against the same types as the built-in ones:
 *
 *   import type { ParserPlugin } from 'sweeptop/plugin';
 *
 * Built-in plugins import nothing else of sweeptop (an import-direction check in `npm test`
 * holds them to it), and the engine reaches plugins only through plugins/registry.ts.
 */
export * from './plugin.js';
export * from './errors.js';
export * from './parser.js';
export * from './pruner.js';
export * from './sampler.js';
export * from './executor.js';
export * from './space.js';
export * from './condition.js';
export * from './trial-state.js';
export * from './rng.js';
export * from './schema.js';
export * from './options.js';
export * from './duration.js';
export * from './metric-number.js';
export * from './json-number.js';
export * from './object-points.js';
export * from './echoed-config.js';
export * from './step-keys.js';
export * from './metric-names.js';
export * from './explain.js';
export * from './proc.js';
export * from './crc32.js';
