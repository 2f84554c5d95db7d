/** Where a command writes; tests pass their own streams. */
export interface CommandIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export type Command = (args: string[], io: CommandIO) => Promise<number>;

export function println(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(text + '\n');
}
