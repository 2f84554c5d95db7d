/**
 * What a person would read on the terminal: ANSI escape sequences removed and backspaces applied
 * (Keras 2 redraws its progress bar with `\b`). Logs on disk keep the original bytes; parsers see
 * this form.
 */

// CSI (`ESC [ … final`), OSC (`ESC ] … BEL|ESC \`), and two-byte escapes.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])/g;

export function cleanLine(text: string): string {
  let out = text.indexOf('\x1b') === -1 ? text : text.replace(ANSI, '');
  if (out.indexOf('\b') !== -1) out = applyBackspaces(out);
  return out;
}

function applyBackspaces(text: string): string {
  const chars: string[] = [];
  for (const ch of text) {
    if (ch === '\b') chars.pop();
    else chars.push(ch);
  }
  return chars.join('');
}
