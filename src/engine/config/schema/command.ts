/**
 * A command as the sweep file writes it, for a trial (`command:`) and for a hook (`hooks:`): a
 * string, split later with POSIX quoting rules (template/command.ts), or a list of arguments.
 */
import { byKind, shaped, v } from '../../../plugin-api/schema.js';
import { expects } from './values.js';

export const COMMAND = 'a command string or a non-empty list of arguments';
const argument = v.pipe(v.union([v.string(), v.number(), v.boolean()], expects('a string')), v.transform(String));
export const command = shaped(
  byKind(
    {
      string: v.pipe(
        v.string(),
        v.regex(/\S/, expects(COMMAND)),
        v.transform((line) => ({ kind: 'string' as const, text: line })),
      ),
      list: v.pipe(
        v.array(argument),
        v.minLength(1, expects(COMMAND)),
        v.transform((items) => ({ kind: 'argv' as const, items })),
      ),
    },
    expects(COMMAND),
  ),
  COMMAND,
);
