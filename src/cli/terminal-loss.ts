/**
 * Losing the terminal — the SSH connection drops: SIGHUP, then EIO or EPIPE on every write — ends
 * most commands. A headless sweep in the foreground instead goes on, detached, as a sweep run
 * with the TUI does: its output moves to DIR/controller.log and the control socket still serves
 * `sweeptop attach`.
 */
import { appendFileSync, closeSync, openSync } from 'node:fs';
import { isatty } from 'node:tty';
import { Writable } from 'node:stream';

let outliving = false;
/** The standard fds that were a terminal when sweeptop started. */
let terminalFds = [0, 1, 2].filter((fd) => isatty(fd));

/** Errors that mean the terminal or the reader of our output is gone. */
export function isTerminalLoss(error: NodeJS.ErrnoException): boolean {
  return error.code === 'EIO' || error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED';
}

/**
 * Points the standard fds that were a terminal at /dev/null. Node, exiting, restores the mode of
 * the terminal it started on and aborts when it cannot (a hung-up terminal answers EIO); an fd
 * that no longer is that terminal it leaves alone. Call it only once nothing writes to the
 * terminal any more: should another thread open a file in the instant between close and open,
 * that file, not /dev/null, gets the fd.
 */
export function releaseLostTerminal(): void {
  for (const fd of terminalFds) {
    closeSync(fd);
    const reopened = openSync('/dev/null', fd === 0 ? 'r' : 'w');
    if (reopened !== fd) closeSync(reopened);
  }
  terminalFds = [];
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
    releaseLostTerminal();
  };
  const onError = (error: NodeJS.ErrnoException) => {
    if (isTerminalLoss(error)) lost();
  };
  process.on('SIGHUP', lost);
  process.stdout.on('error', onError);
  process.stderr.on('error', onError);
  return () => {
    process.off('SIGHUP', lost);
    process.stdout.off('error', onError);
    process.stderr.off('error', onError);
    // the sweep is over, but a write error may still come: it stays harmless
    if (!called) outliving = false;
  };
}
