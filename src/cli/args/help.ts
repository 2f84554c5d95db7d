/** Usage lines and `--help` text, drawn from the declarations (declare.ts). */
import {
  HELP_OPTION,
  type ActionDeclaration,
  type CommandDeclaration,
  type OptionDeclaration,
  type Options,
  type PositionalDeclaration,
} from './declare.js';

type Declared = Pick<CommandDeclaration, 'name' | 'options' | 'positionals' | 'actions'>;

/** `sweeptop export DIR [--format csv|json] [-o FILE]`. */
export function usageLine(declaration: Declared): string {
  const actions = declaration.actions ? [actionsUsage(declaration.actions)] : [];
  return [
    'sweeptop',
    declaration.name,
    ...declaration.positionals.map(positionalUsage),
    ...actions,
    ...optionsUsage(declaration.options),
  ].join(' ');
}

/** One action's usage, after its command's positionals: `pause TRIAL...`. */
export function actionUsage(action: ActionDeclaration): string {
  return [action.name, ...action.positionals.map(positionalUsage), ...optionsUsage(action.options)].join(' ');
}

/** Actions that take the same arguments share an entry: `pause|resume TRIAL... | parallel N`. */
function actionsUsage(actions: readonly ActionDeclaration[]): string {
  const groups = new Map<string, string[]>();
  for (const action of actions) {
    const rest = actionUsage(action).slice(action.name.length);
    groups.set(rest, [...(groups.get(rest) ?? []), action.name]);
  }
  return [...groups].map(([rest, names]) => `${names.join('|')}${rest}`).join(' | ');
}

function positionalUsage(positional: PositionalDeclaration): string {
  if (positional.arity === 'many') return `${positional.name}...`;
  return positional.arity === 'optional' ? `[${positional.name}]` : positional.name;
}

function optionsUsage(options: Options): string[] {
  return Object.entries(options).map(([name, option]) => {
    const flag = option.short ? `-${option.short}` : `--${name}`;
    const text = option.placeholder ? `${flag} ${option.placeholder}` : flag;
    const repeated = option.kind === 'list' ? '...' : '';
    return option.required ? `${text}${repeated}` : `[${text}]${repeated}`;
  });
}

/** `-o, --output FILE`. */
export function optionLabel(name: string, option: OptionDeclaration): string {
  const long = option.placeholder ? `--${name} ${option.placeholder}` : `--${name}`;
  return option.short ? `-${option.short}, ${long}` : long;
}

/** How an option's default reads: `default: off`, or `required`. */
export function optionDefault(option: OptionDeclaration): string {
  return option.required ? 'required' : `default: ${option.defaultText}`;
}

/** Every option, for a command and its actions, with the action it belongs to. */
export function allOptions(declaration: Declared): Array<{ name: string; option: OptionDeclaration; action?: string }> {
  return [
    ...Object.entries(declaration.options).map(([name, option]) => ({ name, option })),
    ...(declaration.actions ?? []).flatMap((action) =>
      Object.entries(action.options).map(([name, option]) => ({ name, option, action: action.name })),
    ),
  ];
}

/** `sweeptop CMD --help`. */
export function commandHelp(declaration: CommandDeclaration): string {
  const sections = [`usage: ${usageLine(declaration)}`, declaration.summary];
  const rows = (entries: Array<[string, string]>) => {
    const width = Math.max(...entries.map(([left]) => left.length));
    return entries.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`.trimEnd()).join('\n');
  };
  if (declaration.positionals.length) {
    sections.push(
      `arguments:\n${rows(declaration.positionals.map((p) => [p.name, p.defaultText ? `${p.description} [default: ${p.defaultText}]` : p.description]))}`,
    );
  }
  if (declaration.actions) {
    sections.push(`actions:\n${rows(declaration.actions.map((a) => [actionUsage(a), a.summary]))}`);
  }
  const options = allOptions(declaration).map(({ name, option, action }): [string, string] => [
    optionLabel(name, option),
    `${action ? `${action}: ` : ''}${option.description} [${optionDefault(option)}]`,
  ]);
  sections.push(`options:\n${rows([...options, [optionLabel('help', HELP_OPTION), HELP_OPTION.description]])}`);
  sections.push(...(declaration.details ?? []));
  return `${sections.join('\n\n')}\n`;
}

/** `sweeptop --help`: every command that people run, with its summary. */
export function topUsage(commands: readonly CommandDeclaration[]): string {
  const shown = commands.filter((c) => !c.hidden);
  const width = Math.max(...shown.map((c) => c.name.length));
  return [
    'usage: sweeptop <command> [options]',
    '',
    ...shown.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "sweeptop <command> --help shows a command's options; sweeptop --version its version.",
  ].join('\n');
}
