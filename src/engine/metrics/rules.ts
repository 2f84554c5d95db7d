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
import { pathLabel, PluginOptionError } from '../../plugin-api/errors.js';
import { parseMetricNumber } from '../../plugin-api/metric-number.js';
import { firstIssue, issueAt, issuePath, option, shaped, v } from '../../plugin-api/schema.js';
import { expects, fields } from '../config/schema/values.js';

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

const RULE = 'a rule with `regex:` (and `name:` unless the regex has a (?<name>…) group)';

const REGEX = 'expected a regular expression';
const NAME = 'expected a metric name';

/** The fields of one rule, for the reference. */
export const metricRuleFields = {
  regex: option(shaped(v.pipe(v.string(REGEX), v.minLength(1, REGEX)), 'a regular expression'), {
    missing: 'a regular expression with a (?<value>…) group',
    description: "with a (?<value>…) group, and optionally (?<step>…) and (?<name>…); Python's (?P<value>…) is accepted",
  }),
  name: option(shaped(v.pipe(v.string(NAME), v.minLength(1, NAME)), 'a metric name'), {
    unset: 'the (?<name>…) group',
    description: "the metric's name",
  }),
};

const rule = v.pipe(
  fields(metricRuleFields, RULE),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const { regex, name } = dataset.value;
    let groups: Set<string>;
    try {
      groups = groupNames(compile(regex));
    } catch (error) {
      const detail = (error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '');
      addIssue({ message: `invalid regular expression: ${detail}`, ...issueAt(dataset.value, 'regex') });
      return;
    }
    if (!groups.has('value')) addIssue({ message: 'the regex needs a (?<value>…) group', input: dataset.value });
    else if (name === undefined && !groups.has('name'))
      addIssue({ message: 'give the metric a `name:` or the regex a (?<name>…) group', input: dataset.value });
  }),
);

/** The sweep file's `metrics:` rules, as written; compileMetricRules makes them ready to apply. */
export const metricRules = v.pipe(
  v.array(rule, expects('a list of rules like `- regex: …`')),
  v.metadata({ shape: 'a list of rules {regex, name}' }),
);

/** Checks the rules (a mistake is a PluginOptionError naming the rule: `metrics[0].regex`) and compiles them. */
export function compileMetricRules(raw: unknown): MetricRule[] {
  if (raw === undefined || raw === null) return [];
  const result = v.safeParse(metricRules, raw, { abortPipeEarly: true });
  if (!result.success) {
    const issue = firstIssue(result.issues);
    throw new PluginOptionError(pathLabel(['metrics', ...issuePath(issue)]), issue.message);
  }
  return result.output.map(({ regex, name }, index) => ({ where: `metrics[${index}]`, regex: new RegExp(compile(regex), 'g'), name }));
}

/** Python spells named groups (?P<value>…); accept it rather than fail on a habit. Throws on a bad regex. */
function compile(regex: string): string {
  const source = regex.replace(/\(\?P</g, '(?<');
  new RegExp(source, 'g');
  return source;
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
