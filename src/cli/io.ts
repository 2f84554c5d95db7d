/** Where a command writes; tests pass their own streams. */
import { safeText } from '../ui/format/safe-text.js';

export interface CommandIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export type Command = (args: string[], io: CommandIO) => Promise<number>;

export function println(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(text + '\n');
}

/** What a sweep's loader could not read, and what it used instead: one line each, on stderr. */
export function printNotices(notices: readonly string[], io: CommandIO): void {
  // a notice may quote what it could not read (a trial's file): shown, never obeyed
  for (const notice of notices) io.stderr.write(`sweeptop: ${safeText(notice)}\n`);
}
