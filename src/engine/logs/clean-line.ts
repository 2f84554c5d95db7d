/**
 * What a person would read on the terminal: ANSI escape sequences removed and backspaces applied
 * as a terminal does — the cursor moves back and later characters overwrite. Keras 2 ends each
 * progress redraw with backspaces then `\r`; erasing on `\b` would blank every redraw. Logs on
 * disk keep the original bytes; parsers see this form.
 */

// CSI (`ESC [ … final`), OSC (`ESC ] … BEL|ESC \`), and two-byte escapes.
const ANSI = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])/g;

export function cleanLine(text: string): string {
  let out = text.indexOf('\x1b') === -1 ? text : text.replace(ANSI, '');
  if (out.indexOf('\b') !== -1) out = applyBackspaces(out);
  return out;
}

function applyBackspaces(text: string): string {
  // Keras 2 moves the cursor back over the whole drawing, then `\r`: backspaces that only trail
  // the text overwrite nothing, so the text before them is the line
  const first = text.indexOf('\b');
  let trailing = true;
  for (let i = first + 1; trailing && i < text.length; i++) trailing = text.charCodeAt(i) === 8;
  if (trailing) return text.slice(0, first);
  const chars: string[] = [];
  let cursor = 0;
  for (const ch of text) {
    if (ch === '\b') cursor = Math.max(0, cursor - 1);
    else chars[cursor++] = ch;
  }
  return chars.join('');
}
