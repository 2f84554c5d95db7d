/** Where a command writes; tests pass their own streams. */
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
  for (const notice of notices) io.stderr.write(`sweeptop: ${notice}\n`);
}
