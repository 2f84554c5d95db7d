import { describe, expect, it } from 'vitest';
import { resolveParsers } from '../../../src/engine/metrics/parser-list.js';
import { parserPlugins, autoParserNames } from '../../../plugins/parsers/index.js';
import type { ParserPlugin } from '../../../src/plugin-api/parser.js';
import { PluginOptionError } from '../../../src/plugin-api/errors.js';

const mine: ParserPlugin = { name: 'mine', kind: 'parser', create: () => ({ parse: () => null }) };
const names = (plugins: ParserPlugin[]) => plugins.map((p) => p.name);

describe('resolveParsers', () => {
  it('expands auto to the user parsers first, then the built-ins in auto order, each once', () => {
    expect(names(resolveParsers(['auto'], [...parserPlugins, mine]))).toEqual(['mine', ...autoParserNames]);
    expect(names(resolveParsers(undefined, parserPlugins))).toEqual([...autoParserNames]);
    expect(names(resolveParsers(['kv', 'auto'], parserPlugins))).toEqual(['kv', ...autoParserNames.filter((n) => n !== 'kv')]);
  });

  it('keeps an explicit list in order, and [] is none', () => {
    expect(names(resolveParsers(['keras', 'mine'], [...parserPlugins, mine]))).toEqual(['keras', 'mine']);
    expect(resolveParsers([], parserPlugins)).toEqual([]);
  });

  it('names an unknown parser and lists the valid ones', () => {
    let caught: unknown;
    try {
      resolveParsers(['keras', 'kerass'], parserPlugins);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PluginOptionError);
    expect((caught as PluginOptionError).option).toBe('parsers[1]');
    expect((caught as PluginOptionError).detail).toMatch(/^unknown parser "kerass"; valid: auto, fairseq, json, /);
    expect(() => resolveParsers('auto', parserPlugins)).toThrow(/^parsers: expected a list/);
  });
});
