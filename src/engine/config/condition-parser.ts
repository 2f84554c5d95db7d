/**
 * The text of a parameter's `when:` turned into a Condition (plugin-api/condition.ts): a small
 * grammar read token by token, never evaluated as code.
 *
 *   or      := and ('or' and)*
 *   and     := unary ('and' unary)*
 *   unary   := 'not' unary | '(' or ')' | name op literal | name 'in' '[' literal (',' literal)* ']'
 *   op      := '==' | '!=' | '<' | '<=' | '>' | '>='
 *   literal := number | '…' | "…" | true | false | null
 *   name    := identifier | `any text but a backquote`
 *
 * Each reference keeps its offset in the text, so the checker (condition-check.ts) can point at it.
 */
import type { Comparison, Condition } from '../../plugin-api/condition.js';
import type { ParamValue } from '../../plugin-api/space.js';

/** A problem at `offset` (0-based) in the condition's text. */
export class ConditionSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
    this.name = 'ConditionSyntaxError';
  }
}

/** One comparison of the condition, where its name and values are written. */
export interface ConditionReference {
  name: string;
  offset: number;
  /** The operator, `in` for a list. */
  operator: Comparison | 'in';
  values: Array<{ value: ParamValue; offset: number }>;
}

export interface ParsedCondition {
  condition: Condition;
  references: ConditionReference[];
}

type Token =
  | { kind: 'name'; text: string; offset: number }
  | { kind: 'word'; text: string; offset: number }
  | { kind: 'literal'; value: ParamValue; offset: number }
  | { kind: 'symbol'; text: string; offset: number }
  | { kind: 'end'; offset: number };

const WORDS = new Set(['and', 'or', 'not', 'in']);
const LITERAL_WORDS: Record<string, ParamValue> = { true: true, false: false, null: null };
const COMPARISONS = new Set<string>(['==', '!=', '<', '<=', '>', '>=']);
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/y;

export function parseCondition(text: string): ParsedCondition {
  const tokens = tokenize(text);
  const references: ConditionReference[] = [];
  let at = 0;
  const peek = (): Token => tokens[at];
  const next = (): Token => tokens[at++];
  const isWord = (token: Token, word: string) => token.kind === 'word' && token.text === word;

  function or(): Condition {
    let left = and();
    while (isWord(peek(), 'or')) {
      next();
      left = { op: 'or', left, right: and() };
    }
    return left;
  }

  function and(): Condition {
    let left = unary();
    while (isWord(peek(), 'and')) {
      next();
      left = { op: 'and', left, right: unary() };
    }
    return left;
  }

  function unary(): Condition {
    const token = next();
    if (isWord(token, 'not')) return { op: 'not', operand: unary() };
    if (token.kind === 'symbol' && token.text === '(') {
      const inner = or();
      const close = next();
      if (close.kind !== 'symbol' || close.text !== ')') throw unexpected(close, "')'");
      return inner;
    }
    if (token.kind !== 'name') throw unexpected(token, 'a parameter name, not or (');
    return comparison(token);
  }

  function comparison(name: Extract<Token, { kind: 'name' }>): Condition {
    const operator = next();
    if (isWord(operator, 'in')) {
      const values = list();
      references.push({ name: name.text, offset: name.offset, operator: 'in', values });
      return { op: 'in', name: name.text, values: values.map((v) => v.value) };
    }
    if (operator.kind !== 'symbol' || !COMPARISONS.has(operator.text)) {
      throw unexpected(operator, `a comparison after ${name.text} (==, !=, <, <=, >, >= or in [...])`);
    }
    const value = literal();
    const comparison = operator.text as Comparison;
    references.push({ name: name.text, offset: name.offset, operator: comparison, values: [value] });
    return { op: 'compare', comparison, name: name.text, value: value.value };
  }

  function list(): Array<{ value: ParamValue; offset: number }> {
    const open = next();
    if (open.kind !== 'symbol' || open.text !== '[') throw unexpected(open, "'[' after in");
    const values = [literal()];
    for (;;) {
      const token = next();
      if (token.kind === 'symbol' && token.text === ']') return values;
      if (token.kind !== 'symbol' || token.text !== ',') throw unexpected(token, "',' or ']'");
      values.push(literal());
    }
  }

  function literal(): { value: ParamValue; offset: number } {
    const token = next();
    if (token.kind === 'literal') return { value: token.value, offset: token.offset };
    if (token.kind === 'name') {
      throw new ConditionSyntaxError(token.offset, `expected a value, got the name ${token.text}; quote a string: '${token.text}'`);
    }
    throw unexpected(token, "a value (a number, 'text', true, false or null)");
  }

  const condition = or();
  const rest = peek();
  if (rest.kind !== 'end') throw unexpected(rest, 'and, or, or the end of the condition');
  return { condition, references };
}

function unexpected(token: Token, what: string): ConditionSyntaxError {
  return new ConditionSyntaxError(token.offset, `expected ${what}, got ${describe(token)}`);
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'the end of the condition';
    case 'literal':
      return typeof token.value === 'string' ? `'${token.value}'` : String(token.value);
    default:
      return token.text;
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const offset = i;
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) throw new ConditionSyntaxError(offset, `this string has no closing ${ch}`);
      tokens.push({ kind: 'literal', value: text.slice(i + 1, end), offset });
      i = end + 1;
      continue;
    }
    if (ch === '`') {
      const end = text.indexOf('`', i + 1);
      if (end < 0) throw new ConditionSyntaxError(offset, 'this name has no closing `');
      if (end === i + 1) throw new ConditionSyntaxError(offset, 'expected a parameter name between the backquotes');
      tokens.push({ kind: 'name', text: text.slice(i + 1, end), offset });
      i = end + 1;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (COMPARISONS.has(two)) {
      tokens.push({ kind: 'symbol', text: two, offset });
      i += 2;
      continue;
    }
    if ('<>()[],'.includes(ch)) {
      tokens.push({ kind: 'symbol', text: ch, offset });
      i++;
      continue;
    }
    if (ch === '=') throw new ConditionSyntaxError(offset, "expected ==, got a single '=' (a condition compares, it never assigns)");
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(text);
    if (number) {
      tokens.push({ kind: 'literal', value: Number(number[0]), offset });
      i += number[0].length;
      continue;
    }
    IDENTIFIER.lastIndex = i;
    const identifier = IDENTIFIER.exec(text);
    if (!identifier) throw new ConditionSyntaxError(offset, `unexpected character ${JSON.stringify(ch)}`);
    const word = identifier[0];
    i += word.length;
    if (text[i] === '-' && /[A-Za-z_]/.test(text[i + 1] ?? '')) {
      const whole = /^[A-Za-z0-9_-]+/.exec(text.slice(offset))?.[0] ?? word;
      throw new ConditionSyntaxError(offset, `a name with '-' is written in backquotes: \`${whole}\``);
    }
    if (word in LITERAL_WORDS) tokens.push({ kind: 'literal', value: LITERAL_WORDS[word], offset });
    else if (WORDS.has(word)) tokens.push({ kind: 'word', text: word, offset });
    else tokens.push({ kind: 'name', text: word, offset });
  }
  tokens.push({ kind: 'end', offset: text.length });
  return tokens;
}
