/**
 * Resolves the sweep file's `parsers:` list against the parsers available (built-in and from the
 * user's plugin modules):
 *   parsers: [auto]              (the default) every parser; the user's own first, then the built-ins in auto order
 *   parsers: [keras, myformat]   exactly these, in this order
 *   parsers: [myformat, auto]    `auto` may be combined with names; each parser appears once
 *   parsers: []                  none: only the `metrics:` rules
 */
import { PluginOptionError } from '../../plugin-api/errors.js';
import type { LineParser, ParserPlugin } from '../../plugin-api/parser.js';
import { AUTO_PARSER_ORDER } from '../../../plugins/registry.js';
import { parseMetricNumber } from '../../plugin-api/metric-number.js';

export function resolveParsers(
  raw: unknown,
  available: readonly ParserPlugin[],
  autoOrder: readonly string[] = AUTO_PARSER_ORDER,
): ParserPlugin[] {
  const list = raw === undefined || raw === null ? ['auto'] : raw;
  if (!Array.isArray(list)) throw new PluginOptionError('parsers', 'expected a list of parser names, e.g. [auto] or [keras, kv]');
  const byName = new Map(available.map((plugin) => [plugin.name, plugin]));
  const chosen: ParserPlugin[] = [];
  const add = (plugin: ParserPlugin) => {
    if (!chosen.includes(plugin)) chosen.push(plugin);
  };
  list.forEach((entry: unknown, index) => {
    if (entry === 'auto') {
      for (const plugin of autoExpansion(available, autoOrder)) add(plugin);
      return;
    }
    const plugin = typeof entry === 'string' ? byName.get(entry) : undefined;
    if (!plugin) {
      const valid = ['auto', ...available.map((p) => p.name)].join(', ');
      const shown = typeof entry === 'string' ? `"${entry}"` : JSON.stringify(entry);
      throw new PluginOptionError(`parsers[${index}]`, `unknown parser ${shown}; valid: ${valid}`);
    }
    add(plugin);
  });
  return chosen;
}

function autoExpansion(available: readonly ParserPlugin[], autoOrder: readonly string[]): ParserPlugin[] {
  const own = available.filter((plugin) => !autoOrder.includes(plugin.name));
  const builtIn = autoOrder.flatMap((name) => available.filter((plugin) => plugin.name === name));
  return [...own, ...builtIn];
}

/** One fresh parser per plugin, for one trial (parsers keep per-trial state). */
export function createParsers(plugins: readonly ParserPlugin[]): LineParser[] {
  return plugins.map((plugin) => plugin.create({}, { parseNumber: parseMetricNumber }));
}
