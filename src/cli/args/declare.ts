/**
 * How a command is declared: its name, summary, positionals and every option with its type,
 * default and one-line description. Parsing (parse.ts), `--help` and the usage lines (help.ts) and
 * the generated reference (docs/reference/commands.md) all read these declarations, so an option
 * cannot be parsed one way and documented another. Plain data: `sweeptop --version` and `attach`
 * load it at start-up.
 */

export type OptionKind = 'boolean' | 'string' | 'integer' | 'choice' | 'list';

/** `T`: the parsed value's type (`number | undefined` for an integer without a default). */
export interface OptionDeclaration<T = unknown> {
  kind: OptionKind;
  description: string;
  /** How the default reads in `--help`: `off`, `none`, `1`, `sweeps/<name>-<time>`. */
  defaultText: string;
  /** The value the parser gives when the option is absent. */
  default?: T;
  /** The value's name in usage lines: `--dir DIR`. */
  placeholder?: string;
  short?: string;
  /** `choice`: the accepted values. */
  choices?: readonly string[];
  /** `integer`: the least accepted value. */
  min?: number;
  /** A required option shows without brackets; missing, it gets `--name: expected <this>`. */
  required?: string;
  /** Never set: carries `T` for the parsed values' type. */
  readonly __value?: T;
}

export type Options = Record<string, OptionDeclaration>;

export interface PositionalDeclaration<N extends string = string> {
  name: N;
  description: string;
  /** What one of it is, for count errors: `DIR: expected one sweep directory, got 2`. */
  noun: string;
  arity: 'one' | 'optional' | 'many';
  /** Trial ids and counts are integers at least this; others are strings. */
  integerMin?: number;
  /** The accepted values, when they are a fixed few (a shell's name); shell completion offers them. */
  choices?: readonly string[];
  /**
   * What shell completion offers for it: the sweep directories of the registry (`sweeptop ls`), or
   * the trials of the named sweep that the action may act on now. Without it, file names.
   */
  completes?: 'sweeps' | 'trials';
  /** For an optional positional: what is used without it. */
  defaultText?: string;
}

export interface ActionDeclaration<
  O extends Options = Options,
  P extends readonly PositionalDeclaration[] = readonly PositionalDeclaration[],
> {
  name: string;
  summary: string;
  positionals: P;
  options: O;
}

export interface CommandDeclaration<
  O extends Options = Options,
  P extends readonly PositionalDeclaration[] = readonly PositionalDeclaration[],
> {
  name: string;
  summary: string;
  positionals: P;
  options: O;
  /** Paragraphs after the options in `--help` and the reference. */
  details?: readonly string[];
  /** Sub-actions after the positionals (`sweeptop ctl DIR pause 3`). */
  actions?: readonly ActionDeclaration[];
  /** Started by sweeptop itself, never by hand: left out of the usage and the reference. */
  hidden?: boolean;
}

/** The parsed options of a declaration. */
export type OptionValues<O extends Options> = { [K in keyof O]: O[K] extends OptionDeclaration<infer T> ? T : never };

type PositionalValue<P extends PositionalDeclaration> = P extends { integerMin: number } ? number : string;

/** The parsed positionals, by name: `{ DIR: string }`, `{ TRIAL: number[] }`. */
export type PositionalValues<P extends readonly PositionalDeclaration[]> = {
  [D in P[number] as D['name']]: D['arity'] extends 'many'
    ? PositionalValue<D>[]
    : D['arity'] extends 'optional'
      ? PositionalValue<D> | undefined
      : PositionalValue<D>;
};

export function command<const O extends Options, const P extends readonly PositionalDeclaration[]>(
  declaration: CommandDeclaration<O, P>,
): CommandDeclaration<O, P> {
  return declaration;
}

export function action<const O extends Options, const P extends readonly PositionalDeclaration[]>(
  declaration: ActionDeclaration<O, P>,
): ActionDeclaration<O, P> {
  return declaration;
}

interface Described {
  description: string;
  short?: string;
}

/** A switch, off unless given. */
export function flag(description: string, more: { short?: string } = {}): OptionDeclaration<boolean> {
  return { kind: 'boolean', description, defaultText: 'off', default: false, ...more };
}

/** A string value; `required` makes it one the command cannot run without. */
export function text<const R extends string | undefined = undefined>(
  placeholder: string,
  more: Described & { defaultText: string; required?: R },
): OptionDeclaration<R extends string ? string : string | undefined> {
  return { kind: 'string', placeholder, ...more };
}

export function integer<const D extends number | undefined = undefined>(
  placeholder: string,
  more: Described & { min: number; default?: D; defaultText?: string },
): OptionDeclaration<D extends number ? number : number | undefined> {
  return { kind: 'integer', placeholder, defaultText: more.defaultText ?? String(more.default), ...more } as OptionDeclaration<
    D extends number ? number : number | undefined
  >;
}

export function choice<const C extends string, const D extends C | undefined = undefined>(
  choices: readonly C[],
  more: Described & { default?: D; defaultText?: string },
): OptionDeclaration<D extends C ? C : C | undefined> {
  return {
    kind: 'choice',
    choices,
    placeholder: choices.join('|'),
    defaultText: more.defaultText ?? String(more.default),
    ...more,
  } as OptionDeclaration<D extends C ? C : C | undefined>;
}

/** An option that may be given many times: its values in order. */
export function list(placeholder: string, more: Described & { defaultText?: string; required?: string }): OptionDeclaration<string[]> {
  return { kind: 'list', placeholder, defaultText: 'none', default: [], ...more };
}

/** Understood by every command without being declared; main.ts answers it before the command loads. */
export const HELP_OPTION: OptionDeclaration<boolean> = { kind: 'boolean', description: 'show this help', defaultText: 'off', short: 'h' };
