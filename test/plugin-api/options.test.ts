/** A plugin's options, declared once: what readOptions gives back, and how it words a mistake. */
import { describe, expect, it } from 'vitest';
import {
  booleanValue,
  durationValue,
  integerOrAutoValue,
  integerValue,
  numberValue,
  option,
  options,
  readOptions,
  textListValue,
  textOrNumberValue,
  textValue,
} from '../../src/plugin-api/index.js';

const declared = options({
  count: option(integerValue(1), { description: 'how many' }),
  share: option(numberValue({ above: 0, max: 1 }), { default: 0.5, description: 'a share' }),
  start: option(integerOrAutoValue(0), { default: 'auto', description: 'where to start' }),
  label: option(textValue(), { unset: 'none', description: 'a label' }),
  quick: option(booleanValue(), { default: false, description: 'be quick' }),
  every: option(durationValue(100), { default: '2s', description: 'how often' }),
  poll: option(durationValue(100, 3_600_000), { unset: 'none', description: 'a poll interval' }),
  size: option(textOrNumberValue(), { unset: 'none', description: 'a size' }),
  flags: option(textListValue(), { default: [], description: 'flags' }),
});

const read = (given: Record<string, unknown>, plugin?: string) => readOptions(declared, given, plugin);

describe('readOptions', () => {
  it('fills in the defaults and gives the values their types', () => {
    expect(read({ count: 3 })).toEqual({ count: 3, share: 0.5, start: null, quick: false, every: 2000, flags: [] });
    expect(read({ count: 3, start: 4, label: 'x', every: '500ms', size: 16000, flags: ['-a'] })).toMatchObject({
      start: 4,
      label: 'x',
      every: 500,
      size: '16000',
      flags: ['-a'],
    });
  });

  it.each([
    [{}, 'count: expected an integer >= 1, got nothing'],
    [{ count: 0 }, 'count: expected an integer >= 1, got 0'],
    [{ count: 1, share: 0 }, 'share: expected a number > 0 and <= 1, got 0'],
    [{ count: 1, start: 'soon' }, 'start: expected an integer >= 0 or "auto", got "soon"'],
    [{ count: 1, label: '  ' }, 'label: expected a non-empty string, got "  "'],
    [{ count: 1, label: null }, 'label: expected a non-empty string, got null'],
    [{ count: 1, every: '50ms' }, 'every: expected a duration of at least 100 ms such as 2s or 500ms, got "50ms"'],
    [{ count: 1, every: '36501d' }, 'every: expected a duration of at most 36500d (100 years), got "36501d"'],
    [{ count: 1, poll: '2h' }, 'poll: expected a duration from 100 ms to 1h such as 2s or 500ms, got "2h"'],
    [{ count: 1, poll: '50ms' }, 'poll: expected a duration from 100 ms to 1h such as 2s or 500ms, got "50ms"'],
    [{ count: 1, flags: ['-a', 3] }, 'flags[1]: expected a string, got 3'],
    [{ count: 1, cuont: 2 }, 'cuont: unknown option; expected one of count, share, start, label, quick, every, poll, size, flags'],
  ])('refuses %j: %s', (given, message) => {
    expect(() => read(given)).toThrow(message);
  });

  it('names the plugin in the message for an unknown option, and says when it takes none', () => {
    expect(() => read({ count: 1, x: 1 }, 'demo sampler')).toThrow(/^x: unknown option for the demo sampler; expected one of count, /);
    expect(() => readOptions(options({}), { x: 1 }, 'grid sampler')).toThrow('x: unknown option for the grid sampler; expected no options');
  });

  it('reports a misspelt option before the others it leaves wrong', () => {
    expect(() => read({ cont: 1 })).toThrow(/^cont: unknown option/);
  });
});
