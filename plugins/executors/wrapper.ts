/**
 * Every trial runs under this tiny POSIX sh wrapper, which writes the trial's exit status to a
 * file when it ends — so a controller that is not the trial's parent (after a restart, or on
 * Slurm/SSH) still learns how it ended. The traps are handlers, not ignores: an ignored signal
 * would be inherited by the trial. With a handler, the wrapper outlives a SIGTERM sent to the
 * whole group long enough to record the trial's status (143), then exits with it.
 * SIGKILL leaves no file; the controller knows it killed the trial.
 * The status is written in place, not to a temporary file renamed over it: `mv` is not a shell
 * builtin, and its fork and exec made every trial cost half as much again as the trial itself
 * when trials are short. A reader takes the file only once its line is whole (ends in `\n`): the
 * few bytes arrive in one write, so a reader sees nothing, or all of it.
 *
 *   sh -c WRAPPER sweeptop-trial EXIT_CODE_FILE argv...
 */
export const WRAPPER_SCRIPT = ['f=$1; shift', "trap ':' TERM INT HUP", '"$@"', 's=$?', 'printf \'%s\\n\' "$s" > "$f"', 'exit "$s"'].join(
  '\n',
);

export function wrapArgv(exitCodeFile: string, argv: readonly string[]): string[] {
  return ['/bin/sh', '-c', WRAPPER_SCRIPT, 'sweeptop-trial', exitCodeFile, ...argv];
}

/** The exit status a shell reports: 128+n means the trial died of signal n. */
export function signalFromStatus(status: number): string | null {
  if (status <= 128 || status > 128 + 64) return null;
  const names: Record<number, string> = {
    1: 'SIGHUP',
    2: 'SIGINT',
    6: 'SIGABRT',
    9: 'SIGKILL',
    11: 'SIGSEGV',
    13: 'SIGPIPE',
    15: 'SIGTERM',
  };
  return names[status - 128] ?? `SIG${status - 128}`;
}
