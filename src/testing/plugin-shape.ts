/** What every plugin owes sweeptop whatever its kind: a name, its kind, a factory, a one-line description. */
import { expect } from 'vitest';
import { PluginOptionError } from '../plugin-api/errors.js';
import type { Plugin, PluginKind } from '../plugin-api/plugin.js';

export function expectPluginShape(plugin: Plugin, kind: PluginKind): void {
  expect(plugin.kind, 'kind').toBe(kind);
  expect(plugin.name, 'name: written in the sweep file, so one word').toMatch(/^[A-Za-z0-9][\w.-]*$/);
  expect(typeof plugin.create, 'create').toBe('function');
  if (plugin.description !== undefined) expect(plugin.description, 'description: one line').toMatch(/^[^\n]+$/);
}

/**
 * A plugin that declares its `options` refuses one it does not know, naming it, as a
 * PluginOptionError: sweeptop turns that into a one-line error pointing at the sweep file.
 */
export function expectRefusesUnknownOption(create: (options: Record<string, unknown>) => unknown, given: Record<string, unknown>): void {
  let thrown: unknown;
  try {
    create({ ...given, no_such_option: 1 });
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'an unknown option is refused').toBeInstanceOf(PluginOptionError);
  expect((thrown as Error).message).toMatch(/^no_such_option: /);
}
