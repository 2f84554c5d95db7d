/** The sweep file, validated and normalised (sweep-config.ts), and two of its parts by name. */
import type { SweepConfig } from './sweep-config.js';

export type { SweepConfig };

/** A plugin choice as written: `sampler: tpe` or `sampler: {type: tpe, n_startup_trials: 20}`. */
export type PluginChoice = SweepConfig['sampler'];

export type CommandTemplate = SweepConfig['command'];
