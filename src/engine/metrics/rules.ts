/**
 * The sweep file's own metric rules and its choice of parsers:
 *
 *   metrics:
 *     - regex: 'val acc (?<value>[0-9.eE+-]+) at step (?<step>\d+)'
 *       name: val_acc
 *     - regex: '(?<name>\w+)=(?<value>[0-9.eE+-]+)'
 *   parsers: [auto]
 *
 * Validated here once; a mistake is a PluginOptionError naming the rule, which the config loader
 * turns into `sweep.yaml:12:7: metrics[0].regex: …`.
 */
import { PluginOptionError } from '../../plugin-api/errors.js';
import { parseMetricNumber } from '../../plugin-api/metric-number.js';

export interface MetricRule {
  /** Where the rule is in the sweep file (`metrics[0]`), for messages. */
  where: string;
  /** Compiled with the `g` flag: every match in a line counts. */
  regex: RegExp;
  /** The metric's name; when absent it comes from the `name` group. */
  name?: string;
}

export interface RulePoint {
  name: string;
  step: number | null;
  value: number;
}

const RULE_KEYS = ['regex', 'name'];

export function compileMetricRules(raw: unknown): MetricRule[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new PluginOptionError('metrics', 'expected a list of rules like `- regex: …`');
  return raw.map((item, index) => compileRule(item, `metrics[${index}]`));
}

function compileRule(item: unknown, where: string): MetricRule {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    throw new PluginOptionError(where, 'expected a rule with `regex:` (and `name:` unless the regex has a (?<name>…) group)');
  }
  const rule = item as Record<string, unknown>;
  for (const key of Object.keys(rule)) {
    if (!RULE_KEYS.includes(key)) throw new PluginOptionError(`${where}.${key}`, `unknown key; valid: ${RULE_KEYS.join(', ')}`);
  }
  if (typeof rule.regex !== 'string' || rule.regex === '') throw new PluginOptionError(`${where}.regex`, 'expected a regular expression');
  if (rule.name !== undefined && (typeof rule.name !== 'string' || rule.name === '')) {
    throw new PluginOptionError(`${where}.name`, 'expected a metric name');
  }
  // Python spells named groups (?P<value>…); accept it rather than fail on a habit
  const source = rule.regex.replace(/\(\?P</g, '(?<');
  let regex: RegExp;
  try {
    regex = new RegExp(source, 'g');
  } catch (error) {
    const detail = (error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '');
    throw new PluginOptionError(`${where}.regex`, `invalid regular expression: ${detail}`);
  }
  const groups = groupNames(source);
  if (!groups.has('value')) throw new PluginOptionError(where, 'the regex needs a (?<value>…) group');
  if (rule.name === undefined && !groups.has('name')) {
    throw new PluginOptionError(where, 'give the metric a `name:` or the regex a (?<name>…) group');
  }
  return { where, regex, name: rule.name as string | undefined };
}

function groupNames(source: string): Set<string> {
  return new Set([...source.matchAll(/\(\?<([A-Za-z_$][\w$]*)>/g)].map((m) => m[1]));
}

/** Every point the rules find in one (cleaned) line; values that are not numbers are skipped. */
export function applyMetricRules(rules: readonly MetricRule[], line: string): RulePoint[] {
  const points: RulePoint[] = [];
  for (const rule of rules) {
    for (const match of line.matchAll(rule.regex)) {
      const groups = match.groups ?? {};
      const value = groups.value === undefined ? undefined : parseMetricNumber(groups.value.trim());
      const name = rule.name ?? groups.name;
      if (value === undefined || !name) continue;
      const step = groups.step === undefined ? undefined : parseMetricNumber(groups.step.trim());
      points.push({ name, step: step !== undefined && Number.isFinite(step) ? step : null, value });
    }
  }
  return points;
}
