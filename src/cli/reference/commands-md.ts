/** docs/reference/commands.md, drawn from the command table: every command, its usage and options. */
import { HELP_OPTION, type CommandDeclaration } from '../args/declare.js';
import { actionUsage, allOptions, optionDefault, optionLabel, usageLine } from '../args/help.js';
import { cell, code, generatedNote, table } from './markdown.js';

export function commandsReference(commands: readonly CommandDeclaration[]): string {
  const shown = commands.filter((c) => !c.hidden);
  return (
    [
      '# Command reference',
      generatedNote('src/cli/command-table.ts'),
      'Every command with its arguments, and every option with its default; `sweeptop COMMAND --help` prints the same. ' +
        `Every command also takes ${code(optionLabel('help', HELP_OPTION))}. The shapes of the JSON outputs: [json-output.md](json-output.md).`,
      table(
        ['command', 'what it does'],
        shown.map((c) => [`[${c.name}](#sweeptop-${c.name})`, cell(c.summary)]),
      ),
      ...shown.map(commandSection),
    ].join('\n\n') + '\n'
  );
}

function commandSection(declaration: CommandDeclaration): string {
  const parts = [`## sweeptop ${declaration.name}`, `${cell(declaration.summary)}.`, '```\n' + usageLine(declaration) + '\n```'];
  if (declaration.positionals.length) {
    parts.push(
      table(
        ['argument', 'what it is', 'default'],
        declaration.positionals.map((p) => [code(p.name), cell(p.description), p.defaultText ? cell(p.defaultText) : 'required']),
      ),
    );
  }
  if (declaration.actions) {
    parts.push(
      table(
        ['action', 'what it does'],
        declaration.actions.map((a) => [code(actionUsage(a)), cell(a.summary)]),
      ),
    );
  }
  const options = allOptions(declaration);
  if (options.length) {
    parts.push(
      table(
        ['option', 'what it does', 'default'],
        options.map(({ name, option, action }) => [
          code(optionLabel(name, option)),
          cell(`${action ? `${action}: ` : ''}${option.description}`),
          cell(optionDefault(option).replace(/^default: /, '')),
        ]),
      ),
    );
  }
  parts.push(...(declaration.details ?? []).map(cell));
  return parts.join('\n\n');
}
