import { describe, expect, it } from 'vitest';
import { applyMetricRules, compileMetricRules } from '../../../src/engine/metrics/rules.js';
import { PluginOptionError } from '../../../src/plugin-api/errors.js';

function error(raw: unknown): PluginOptionError {
  try {
    compileMetricRules(raw);
  } catch (caught) {
    expect(caught).toBeInstanceOf(PluginOptionError);
    return caught as PluginOptionError;
  }
  throw new Error('expected an error');
}

describe('compileMetricRules', () => {
  it('reads a named rule with a step group, and a rule that takes names from a group', () => {
    const rules = compileMetricRules([
      { regex: 'val acc (?<value>[0-9.eE+-]+) at step (?<step>\\d+)', name: 'val_acc' },
      { regex: '(?<name>\\w+)=(?<value>[0-9.eE+-]+)' },
    ]);
    expect(applyMetricRules(rules, 'val acc 0.91 at step 300')).toEqual([{ name: 'val_acc', step: 300, value: 0.91 }]);
    expect(applyMetricRules(rules, 'a=1 b=2.5e-3 c=x')).toEqual([
      { name: 'a', step: null, value: 1 },
      { name: 'b', step: null, value: 0.0025 },
    ]);
  });

  it("accepts Python's (?P<value>…) spelling and nan/inf values", () => {
    const rules = compileMetricRules([{ regex: 'loss (?P<value>\\S+)', name: 'loss' }]);
    expect(applyMetricRules(rules, 'loss nan')).toEqual([{ name: 'loss', step: null, value: NaN }]);
  });

  it('names the rule and the problem in one line', () => {
    expect(
      error([
        { regex: 'x(?<value>\\d+)', name: 'a' },
        { regex: '(', name: 'b' },
      ]).message,
    ).toMatch(/^metrics\[1\]\.regex: invalid regular expression: /);
    expect(error([{ regex: '(?<v>\\d+)', name: 'a' }]).message).toBe('metrics[0]: the regex needs a (?<value>…) group');
    expect(error([{ regex: '(?<value>\\d+)' }]).message).toBe('metrics[0]: give the metric a `name:` or the regex a (?<name>…) group');
    expect(error([{ regex: '(?<value>\\d+)', name: 'a', step: 3 }]).option).toBe('metrics[0].step');
    expect(error({ regex: 'x' }).option).toBe('metrics');
    expect(error(['loss']).option).toBe('metrics[0]');
    expect(error([{ name: 'a' }]).option).toBe('metrics[0].regex');
    expect(error([{ regex: '(', name: 'a' }]).message).not.toContain('\n');
  });

  it('is empty when the sweep file has no rules', () => {
    expect(compileMetricRules(undefined)).toEqual([]);
  });
});
