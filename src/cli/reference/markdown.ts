/** Small pieces the generated references share. */

/** The line under each generated file's title. */
export function generatedNote(source: string): string {
  return `<!-- Generated from ${source} by \`npm run docs:commands\`; edit there, not here. -->`;
}

/** Text for a table cell: `|` would end the cell, and `<` outside code would start a tag. */
export function cell(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 ? part : part.replace(/</g, '&lt;')))
    .join('')
    .replace(/\|/g, '\\|');
}

/** Code in a table cell; only `|` needs escaping there. */
export function code(text: string): string {
  return `\`${text.replace(/\|/g, '\\|')}\``;
}

export function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join(
    '\n',
  );
}
