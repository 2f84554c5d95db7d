/**
 * Text broken into lines of a width, never shortened: a prune reason or a message is read whole,
 * and a command is broken between its arguments so that the lines paste back into a shell.
 */
import { hardWrap } from './ansi.js';
import { cellWidth } from './text.js';

/** `text` in lines of at most `width` cells, broken at spaces; a word wider than a line is broken inside. */
export function wrapWords(text: string, width: number): string[] {
  return wrapPieces(
    text.split(' ').filter((word) => word !== ''),
    width,
  );
}

/**
 * A shell command (its arguments, each already quoted) in lines of at most `width` cells, broken
 * between arguments; every line but the last ends in a backslash, which the shell drops with the
 * newline, so the lines pasted are the command. An argument wider than a line is broken inside it,
 * each piece but the last ending in a bare backslash (which joins it again outside quotes).
 */
export function wrapCommand(quotedArgs: readonly string[], width: number): string[] {
  if (width < 10) return [`$ ${quotedArgs.join(' ')}`];
  const room = width - 2; // for ' \'
  const lines: string[] = [];
  let line = '$';
  for (const arg of quotedArgs) {
    if (cellWidth(line) + 1 + cellWidth(arg) <= room) {
      line = `${line} ${arg}`;
      continue;
    }
    lines.push(`${line} \\`);
    if (cellWidth(arg) <= room) {
      line = arg;
      continue;
    }
    const parts = hardWrap(arg, width - 1);
    for (const part of parts.slice(0, -1)) lines.push(`${part}\\`);
    line = parts[parts.length - 1] ?? '';
  }
  lines.push(line);
  return lines;
}

/**
 * A command as quoted for a POSIX shell (TrialSnapshot.command), split into its arguments, each
 * kept as quoted: spaces inside '…' or "…" or after a backslash do not separate arguments.
 */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < command.length; i++) {
    const char = command[i];
    if (quote === null && char === ' ') {
      if (word !== '') words.push(word);
      word = '';
      continue;
    }
    word += char;
    if (char === '\\' && quote !== "'" && i + 1 < command.length) word += command[++i];
    else if (quote === null && (char === "'" || char === '"')) quote = char;
    else if (char === quote) quote = null;
  }
  if (word !== '') words.push(word);
  return words;
}

function wrapPieces(pieces: readonly string[], width: number): string[] {
  if (width < 1) return [pieces.join(' ')];
  const lines: string[] = [];
  let line = '';
  for (const piece of pieces) {
    const joined = line === '' ? piece : `${line} ${piece}`;
    if (cellWidth(joined) <= width) {
      line = joined;
      continue;
    }
    if (line !== '') lines.push(line);
    if (cellWidth(piece) <= width) {
      line = piece;
      continue;
    }
    const parts = hardWrap(piece, width);
    lines.push(...parts.slice(0, -1));
    line = parts[parts.length - 1] ?? '';
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}
