/** node:util parseArgs with one-line errors that name the flag and the command's usage. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserError } from '../engine/errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

type ParsedArgs<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>;

export function parseCommandArgs<O extends Options>(args: string[], options: O, usage: string): ParsedArgs<O> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.split('\n')[0].replace(/\. To specify a positional argument.*$/, '');
    throw new UserError(`${message}\nusage: ${usage}`);
  }
}

/** A positive integer flag value, or a UserError naming the flag. */
export function integerFlag(value: string | undefined, flag: string, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UserError(`--${flag}: expected an integer ≥ ${min}, got "${value}"`);
  return n;
}
