/** A parsed condition written back as the condition language reads it, for messages. */
import type { Condition } from '../../plugin-api/condition.js';
import type { ParamValue } from '../../plugin-api/space.js';

export function conditionText(condition: Condition): string {
  switch (condition.op) {
    case 'and':
    case 'or':
      return `${grouped(condition.left, condition.op)} ${condition.op} ${grouped(condition.right, condition.op)}`;
    case 'not':
      return `not ${grouped(condition.operand, 'not')}`;
    case 'compare':
      return `${nameText(condition.name)} ${condition.comparison} ${valueText(condition.value)}`;
    case 'in':
      return `${nameText(condition.name)} in [${condition.values.map(valueText).join(', ')}]`;
  }
}

const BINDS = { or: 1, and: 2, not: 3 } as const;

/** Parenthesised when it binds more loosely than the operator around it. */
function grouped(condition: Condition, around: keyof typeof BINDS): string {
  const text = conditionText(condition);
  const own = condition.op === 'and' || condition.op === 'or' ? BINDS[condition.op] : 4;
  return own < BINDS[around] ? `(${text})` : text;
}

function nameText(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !['and', 'or', 'not', 'in', 'true', 'false', 'null'].includes(name)
    ? name
    : `\`${name}\``;
}

function valueText(value: ParamValue): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}
