/**
 * Errors meant for the user: each renders as one line that names where the problem is and what
 * was expected. The CLI prints `error.message` and exits with `exitCode`; anything else that
 * escapes is a bug in sweeptop (exit 1).
 */

/** Bad input from the user (sweep file, flags, a file argument). Exit code 2. */
export class UserError extends Error {
  readonly exitCode: number = 2;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UserError';
  }
}

/** EACCES on a sweep's directory or socket: on a shared machine, most often someone else's sweep. */
export function permissionDenied(path: string, cause?: unknown): UserError {
  return new UserError(`${path}: permission denied (a sweep's directory and socket are private to the user who runs it)`, { cause });
}

/** A problem at a place in the sweep file: `sweep.yaml:12:5: parameters.lr.low: expected …`. */
export class ConfigError extends UserError {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
    readonly field: string | undefined,
    readonly detail: string,
  ) {
    super(formatLocation(file, line, column) + (field ? `${field}: ` : '') + detail);
    this.name = 'ConfigError';
  }
}

function formatLocation(file: string, line?: number, column?: number): string {
  if (line === undefined) return `${file}: `;
  return column === undefined ? `${file}:${line}: ` : `${file}:${line}:${column}: `;
}

/** One line for the user; stack traces only for sweeptop's own failures with SWEEPTOP_DEBUG set. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0];
  return String(error);
}
