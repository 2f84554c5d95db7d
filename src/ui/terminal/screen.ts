/**
 * The terminal as the TUI leaves it. Ink 6 has no alternate-screen option: we enter it by hand
 * before the first frame and leave it on every way out — quit, crash, SIGTERM, SIGHUP.
 */
export const ENTER_ALTERNATE_SCREEN = '\x1b[?1049h';
export const LEAVE_ALTERNATE_SCREEN = '\x1b[?1049l';
export const SHOW_CURSOR = '\x1b[?25h';
/** Cursor home, erase the screen (not the scrollback). */
export const CLEAR_SCREEN = '\x1b[H\x1b[2J';

export class Screen {
  private entered = false;

  constructor(
    private readonly stdout: NodeJS.WriteStream,
    private readonly stdin: NodeJS.ReadStream,
  ) {}

  /** The cursor keeps its old row when switching screens (xterm), so also home and clear. */
  enter(): void {
    if (this.entered) return;
    this.entered = true;
    this.stdout.write(ENTER_ALTERNATE_SCREEN + CLEAR_SCREEN);
  }

  /** Idempotent; safe from an exception handler (TTY writes are synchronous on POSIX). */
  restore(): void {
    if (!this.entered) return;
    this.entered = false;
    try {
      if (this.stdin.isTTY && this.stdin.isRaw) this.stdin.setRawMode(false);
    } catch {
      // stdin already closed: nothing to restore.
    }
    this.stdout.write(LEAVE_ALTERNATE_SCREEN + SHOW_CURSOR);
  }
}
