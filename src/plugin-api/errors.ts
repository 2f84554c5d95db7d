/**
 * Thrown by a plugin's `create(options)` when an option is wrong. The config loader turns it into
 * a ConfigError pointing at the option in the sweep file; `replay` into a one-line flag error.
 */
export class PluginOptionError extends Error {
  constructor(
    readonly option: string,
    readonly detail: string,
  ) {
    super(`${option}: ${detail}`);
    this.name = 'PluginOptionError';
  }
}
