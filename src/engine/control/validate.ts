/**
 * Checks a client's line before the controller acts on it: the JSON, the protocol version, then the
 * message against its declaration (client-messages.ts). Whatever arrives, the answer is a typed
 * message or a one-line error (with the request's id when it had a usable one); nothing here
 * throws. Commands are rebuilt from their known fields only, so the engine never sees a stray
 * property.
 */
import * as v from 'valibot';
import { CLIENT_MESSAGE, clip, describe, isObject, requestId } from './client-messages.js';
import { PROTOCOL_VERSION, versionMismatch, type ClientMessage, type RequestId } from './protocol.js';
import { decodeLine } from './wire-json.js';

export type Parsed = { ok: true; message: ClientMessage } | { ok: false; error: string; id?: RequestId };

const fail = (error: string, id?: RequestId): Parsed => ({ ok: false, error, ...(id !== undefined && { id }) });
const ANY_ID = requestId('');
const FIRST_ISSUE = { abortEarly: true } as const;

export function parseClientMessage(text: string): Parsed {
  let value: unknown;
  try {
    value = decodeLine(text);
  } catch (error) {
    // JSON.parse is iterative; the walk that restores NaN is not
    return fail(error instanceof RangeError ? 'nested too deeply' : `not JSON: ${clip((error as Error).message)}`);
  }
  if (!isObject(value)) return fail(`expected a JSON object, got ${describe(value)}`);
  const id = v.is(ANY_ID, value.id) ? value.id : undefined;
  if (value.v !== PROTOCOL_VERSION) return fail(versionMismatch(value.v), id);
  const parsed = v.safeParse(CLIENT_MESSAGE, value, FIRST_ISSUE);
  if (parsed.success) return { ok: true, message: { v: PROTOCOL_VERSION, ...parsed.output } };
  // a subscription has no id to answer with
  return fail(parsed.issues[0].message, value.type === 'subscribe' ? undefined : id);
}
