/**
 * Losing the terminal — the SSH connection drops: SIGHUP, then EIO or EPIPE on every write — ends
 * most commands. A headless sweep in the foreground instead goes on, detached, as a sweep run
 * with the TUI does: its output moves to DIR/controller.log and the control socket still serves
 * `sweeptop attach`.
 */
import { appendFileSync } from 'node:fs';
import { Writable } from 'node:stream';

let outliving = false;

/** Errors that mean the terminal or the reader of our output is gone. */
export function isTerminalLoss(error: NodeJS.ErrnoException): boolean {
  return error.code === 'EIO' || error.code === 'EPIPE';
}

/** Whether the running command goes on without its terminal (then a write error is not fatal). */
export function outlivesTerminal(): boolean {
  return outliving;
}

/** Output to the terminal until it is lost, then appended to `log`. */
export class TerminalOrLog extends Writable {
  private lost = false;

  constructor(
    private readonly terminal: NodeJS.WritableStream,
    private readonly log: string,
  ) {
    super({ decodeStrings: false });
  }

  get terminalLost(): boolean {
    return this.lost;
  }

  /** From now on, everything goes to the log. */
  lose(): void {
    this.lost = true;
  }

  override _write(chunk: string | Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    if (this.lost) {
      appendFileSync(this.log, chunk);
      return done();
    }
    this.terminal.write(chunk);
    done();
  }
}

/**
 * Keeps the process going when the terminal is lost: `onLost` is called once, on SIGHUP or the
 * first write error of stdout or stderr. Returns the function that undoes it.
 */
export function outliveTerminal(onLost: () => void): () => void {
  outliving = true;
  let called = false;
  const lost = () => {
    if (called) return;
    called = true;
    onLost();
  };
  const onError = (error: NodeJS.ErrnoException) => {
    if (isTerminalLoss(error)) lost();
  };
  process.on('SIGHUP', lost);
  process.stdout.on('error', onError);
  process.stderr.on('error', onError);
  return () => {
    outliving = false;
    process.off('SIGHUP', lost);
    process.stdout.off('error', onError);
    process.stderr.off('error', onError);
  };
}
