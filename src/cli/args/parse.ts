/**
 * Parses a command's arguments from its declaration: node:util parseArgs for the syntax (`--x=v`,
 * `--x v`, `-o v`, `--`), then typed values and defaults. Every problem is a UserError of one line
 * naming the argument, then the command's usage: `--format: expected csv or json, got "x"`,
 * `unknown option '--dryrun'; did you mean '--dry-run'?`.
 */
import { parseArgs } from 'node:util';
import { didYouMean } from '../../engine/config/nearest.js';
import { UserError } from '../../engine/errors.js';
import {
  HELP_OPTION,
  type CommandDeclaration,
  type OptionDeclaration,
  type Options,
  type OptionValues,
  type PositionalDeclaration,
  type PositionalValues,
} from './declare.js';
import { usageLine } from './help.js';

export interface ParsedArgs<O extends Options, P extends readonly PositionalDeclaration[]> {
  options: OptionValues<O>;
  args: PositionalValues<P>;
}

export function parseCommandArgs<O extends Options, P extends readonly PositionalDeclaration[]>(
  declaration: CommandDeclaration<O, P> | { name: string; options: O; positionals: P },
  argv: readonly string[],
  usage: string = usageLine(declaration),
): ParsedArgs<O, P> {
  try {
    return parse(declaration.options, declaration.positionals, argv);
  } catch (error) {
    if (error instanceof UserError) throw new UserError(`${error.message}\nusage: ${usage}`, { cause: error });
    throw error;
  }
}

function parse<O extends Options, P extends readonly PositionalDeclaration[]>(
  declared: O,
  positionalsDeclared: P,
  argv: readonly string[],
): ParsedArgs<O, P> {
  const options = { ...declared, help: HELP_OPTION } as Options;
  rejectNegativeNumbers(positionalsDeclared, argv);
  const config = Object.fromEntries(
    Object.entries(options).map(
      ([name, o]) =>
        [
          name,
          { type: o.kind === 'boolean' ? 'boolean' : 'string', multiple: o.kind === 'list', ...(o.short && { short: o.short }) },
        ] as const,
    ),
  );
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: config, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UserError(syntaxProblem(error as NodeJS.ErrnoException, options, argv));
  }
  const args = positionalValues(positionalsDeclared, parsed.positionals);
  const values: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(declared)) {
    values[name] = optionValue(name, option, (parsed.values as Record<string, string | boolean | string[] | undefined>)[name]);
  }
  return { options: values as OptionValues<O>, args };
}

function optionValue(name: string, option: OptionDeclaration, raw: string | boolean | string[] | undefined): unknown {
  if (raw === undefined) {
    if (option.required) throw new UserError(`--${name}: expected ${option.required}`);
    return option.default;
  }
  if (option.kind === 'integer') return integerValue(`--${name}`, raw as string, option.min ?? 0);
  if (option.kind === 'choice' && !option.choices!.includes(raw as string)) {
    throw new UserError(`--${name}: expected ${alternatives(option.choices!)}, got "${raw}"`);
  }
  return raw;
}

/** Positionals are some of arity `one`, then at most one `optional` or `many` (as every command has). */
function positionalValues<P extends readonly PositionalDeclaration[]>(declared: P, given: string[]): PositionalValues<P> {
  if (declared.length === 0 && given.length > 0) throw new UserError(`unexpected argument "${given[0]}"`);
  const values: Record<string, unknown> = {};
  for (const [index, positional] of declared.entries()) {
    const last = index === declared.length - 1;
    const mine = last ? given.slice(index) : given.slice(index, index + 1);
    const fits = positional.arity === 'one' ? mine.length === 1 : positional.arity === 'optional' ? mine.length <= 1 : mine.length >= 1;
    if (!fits) throw new UserError(`${positional.name}: expected ${countText(positional)}, got ${mine.length}`);
    const chosen = positional.choices ? mine.find((text) => !positional.choices!.includes(text)) : undefined;
    if (chosen !== undefined) throw new UserError(`${positional.name}: expected ${alternatives(positional.choices!)}, got "${chosen}"`);
    const typed = mine.map((text) =>
      positional.integerMin === undefined ? text : integerValue(positional.name, text, positional.integerMin),
    );
    values[positional.name] = positional.arity === 'many' ? typed : typed[0];
  }
  return values as PositionalValues<P>;
}

function countText(positional: PositionalDeclaration): string {
  if (positional.arity === 'many') return `at least one ${positional.noun}`;
  return `${positional.arity === 'one' ? 'one' : 'at most one'} ${positional.noun}`;
}

/** Decimal digits only: `1e3`, `0x10` and `1.0` are refused, not read as numbers. */
function integerValue(name: string, text: string, min: number): number {
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(value) || value < min) {
    throw new UserError(`${name}: expected an integer >= ${min}, got "${text}"`);
  }
  return value;
}

/** parseArgs would read `kill -1` as an unknown option `-1`; it is a bad trial id. */
function rejectNegativeNumbers(positionals: readonly PositionalDeclaration[], argv: readonly string[]): void {
  const numeric = positionals.find((p) => p.integerMin !== undefined);
  const dashDash = argv.indexOf('--');
  const negative = (dashDash < 0 ? argv : argv.slice(0, dashDash)).find((arg) => /^-\d/.test(arg));
  if (numeric && negative !== undefined) integerValue(numeric.name, negative, numeric.integerMin!);
}

/** One line for parseArgs' own errors, with a suggestion for a mistyped option. */
function syntaxProblem(error: NodeJS.ErrnoException, options: Options, argv: readonly string[]): string {
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const unknown = unknownOption(options, argv);
    if (unknown !== undefined) {
      const names = Object.keys(options).map((name) => `--${name}`);
      // a guess at one mistyped letter would be noise: -x is not a typo of -o
      const hint = unknown.startsWith('--') ? didYouMean(unknown, names) : `; valid: ${names.join(', ')}`;
      return `unknown option '${unknown}'${hint}`;
    }
  }
  // node's messages run on with advice about `--`; the first sentence names the flag
  return (error.message.split('\n')[0] ?? '').replace(/\. To specify .*$/, '');
}

function unknownOption(options: Options, argv: readonly string[]): string | undefined {
  const { tokens } = parseArgs({ args: [...argv], options: {}, allowPositionals: true, strict: false, tokens: true });
  const shorts = new Set(Object.values(options).map((o) => o.short));
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const known = token.rawName.startsWith('--') ? Object.hasOwn(options, token.name) : shorts.has(token.name);
    if (!known) return token.rawName;
  }
  return undefined;
}

/** `csv or json`, `a, b or c`. */
export function alternatives(values: readonly string[]): string {
  return values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}
