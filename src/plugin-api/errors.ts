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

/** `['hosts', 0, 'host']` → `hosts[0].host`: a place in a sweep file or a plugin's options, as messages name it. */
export function pathLabel(path: ReadonlyArray<string | number>): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}
