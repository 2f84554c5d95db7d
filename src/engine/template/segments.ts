/**
 * Placeholders inside one piece of a command: `{lr}`, `{trial.dir}`; `{{` and `}}` are literal
 * braces. A brace that does not start a placeholder is kept as written, so JSON in a command
 * (`'{"a": 1}'`) needs no escaping.
 */
export type Segment = { literal: string } | { placeholder: string };

const PLACEHOLDER = /^\{([A-Za-z_][A-Za-z0-9_.-]*)\}/;

export function parseSegments(text: string): Segment[] {
  const segments: Segment[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if ((ch === '{' || ch === '}') && text[i + 1] === ch) {
      literal += ch;
      i += 2;
      continue;
    }
    const match = ch === '{' ? PLACEHOLDER.exec(text.slice(i)) : null;
    if (match) {
      if (literal) segments.push({ literal });
      literal = '';
      segments.push({ placeholder: match[1] });
      i += match[0].length;
      continue;
    }
    literal += ch;
    i++;
  }
  if (literal) segments.push({ literal });
  return segments;
}

export function placeholdersOf(segments: readonly Segment[]): string[] {
  return segments.flatMap((s) => ('placeholder' in s ? [s.placeholder] : []));
}
