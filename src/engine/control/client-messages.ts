/**
 * What a client may send, declared once with valibot: each message type and each engine command,
 * with the one-line error a client gets for each field. validate.ts runs these; protocol.ts takes
 * the ClientMessage type from here. Objects are rebuilt from their declared fields only, so the
 * engine never sees a stray property.
 */
import * as v from 'valibot';
import type { EngineCommand } from '../commands.js';
import type { ParamValue, Params } from '../../plugin-api/space.js';
import { knownFields } from '../schema.js';

export const MAX_BY_LENGTH = 64;
export const MAX_ID_LENGTH = 64;
export const MESSAGE_TYPES = ['subscribe', 'command', 'snapshot', 'ping'] as const;
export const COMMAND_TYPES = ['pause', 'resume', 'kill', 'promote', 'setParallel', 'setTrials', 'addTrial', 'stop'] as const;

type Issue = v.BaseIssue<unknown>;

/** `kill: trialId must be an integer ≥ 0, got "3"`. */
const mustBe = (field: string, what: string) => (issue: Issue) => `${field} must be ${what}, got ${describe(issue.input)}`;

/** A request id: a finite number, or a string of at most MAX_ID_LENGTH characters. */
export function requestId(message: string) {
  return v.union([v.pipe(v.number(message), v.finite(message)), v.pipe(v.string(message), v.maxLength(MAX_ID_LENGTH, message))], message);
}

function trialCommand<T extends 'pause' | 'resume' | 'kill' | 'promote'>(type: T) {
  const message = mustBe(`command: ${type}: trialId`, 'an integer ≥ 0');
  return knownFields({ type: v.literal(type), trialId: v.pipe(v.number(message), v.safeInteger(message), v.minValue(0, message)) });
}

/** Any number, NaN included: the engine names the range it accepts. */
function countCommand<T extends 'setParallel' | 'setTrials'>(type: T) {
  const message = mustBe(`command: ${type}: value`, 'a number');
  return knownFields({ type: v.literal(type), value: v.custom<number>((value) => typeof value === 'number', message) });
}

const isParamValue = (value: unknown): value is ParamValue => value === null || ['number', 'string', 'boolean'].includes(typeof value);

const paramsMessage = mustBe('command: addTrial: params', 'an object of parameter values');
/** Not v.record: that drops keys such as "__proto__", which are plain parameter names here. */
const params = v.pipe(
  v.custom<Record<string, unknown>>(isObject, paramsMessage),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const copy: Params = {};
    for (const [name, item] of Object.entries(dataset.value)) {
      if (!isParamValue(item)) {
        addIssue({ message: `command: addTrial: params.${clip(name)} must be a number, string, boolean or null, got ${describe(item)}` });
        return NEVER;
      }
      // defineProperty: a parameter called "__proto__" stays a plain key
      Object.defineProperty(copy, name, { value: item, enumerable: true, writable: true, configurable: true });
    }
    return copy;
  }),
);

const notACommand = (issue: Issue) => `command: expected an object, got ${describe(issue.input)}`;
const engineCommand = v.pipe(
  v.custom<Record<string, unknown>>(isObject, notACommand),
  v.variant(
    'type',
    [
      trialCommand('pause'),
      trialCommand('resume'),
      trialCommand('kill'),
      trialCommand('promote'),
      countCommand('setParallel'),
      countCommand('setTrials'),
      knownFields({
        type: v.literal('addTrial'),
        params,
        repeats: v.optional(v.custom<number>((value) => typeof value === 'number', mustBe('command: addTrial: repeats', 'a number'))),
        after: v.optional(
          v.pipe(
            v.number(mustBe('command: addTrial: after', 'an integer ≥ 0')),
            v.safeInteger(mustBe('command: addTrial: after', 'an integer ≥ 0')),
            v.minValue(0, mustBe('command: addTrial: after', 'an integer ≥ 0')),
          ),
        ),
      }),
      knownFields({ type: v.literal('stop'), force: v.optional(v.boolean(mustBe('command: stop: force', 'true or false'))) }),
    ],
    (issue) => `command: unknown command ${clip(JSON.stringify(issue.input) ?? 'missing')}; expected one of ${COMMAND_TYPES.join(', ')}`,
  ),
);

const idMessage = (type: string) => `${type}: id must be a number or a string of at most ${MAX_ID_LENGTH} characters`;
const byMessage = `command: by must be a name of 1 to ${MAX_BY_LENGTH} printable characters`;
const withId = <T extends string>(type: T) => knownFields({ type: v.literal(type), id: requestId(idMessage(type)) });

/** A client's message, its protocol version `v` aside (validate.ts checks that first). */
export const CLIENT_MESSAGE = v.variant(
  'type',
  [
    knownFields({ type: v.literal('subscribe'), output: v.optional(v.boolean('subscribe: output must be true or false'), false) }),
    knownFields({
      type: v.literal('command'),
      id: requestId(idMessage('command')),
      // null too reads as no name given
      by: v.nullish(
        v.pipe(
          v.string(byMessage),
          v.minLength(1, byMessage),
          v.maxLength(MAX_BY_LENGTH, byMessage),
          v.regex(/^[^\x00-\x1f]*$/, byMessage),
        ),
        'socket',
      ),
      command: engineCommand,
    }),
    withId('snapshot'),
    withId('ping'),
  ],
  (issue) => `unknown message type ${clip(JSON.stringify(issue.input) ?? 'missing')}; expected one of ${MESSAGE_TYPES.join(', ')}`,
);

type Versioned<M> = M extends unknown ? { v: number } & M : never;
export type ClientMessage = Versioned<v.InferOutput<typeof CLIENT_MESSAGE>>;

// The declared commands are exactly the engine's: a field added on one side fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const commandsMatch: Same<v.InferOutput<typeof engineCommand>, EngineCommand> = true;
void commandsMatch;

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value === null || typeof value !== 'object') return clip(typeof value === 'string' ? JSON.stringify(value) : String(value));
  return 'an object';
}

/** Keeps error lines short: a client's 1 MiB of garbage is never echoed back. */
export function clip(text: string, max = 60): string {
  const line = text.replace(/[\x00-\x1f\x7f]/g, ' ');
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
