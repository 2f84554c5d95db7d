/**
 * The control protocol: newline-delimited JSON over a Unix socket, one message a line, every
 * message carrying the protocol version `v`. A client subscribes and gets a snapshot, then every
 * engine event as a delta; commands, snapshot requests and pings carry an `id` that the reply
 * repeats. Non-finite numbers travel as `{"$num":"nan"|"inf"|"-inf"}` (see wire-json.ts).
 *
 *   client → server                                   server → client
 *   {"v":1,"type":"subscribe","output":false}         {"v":1,"type":"snapshot","snapshot":{…}}
 *                                                     {"v":1,"type":"event","event":"trial:metric","payload":{…}}
 *   {"v":1,"type":"command","id":7,"command":{…},"by":"ctl"}  {"v":1,"type":"result","id":7,"result":{"ok":true}}
 *   {"v":1,"type":"snapshot","id":8}                  {"v":1,"type":"snapshot","id":8,"snapshot":{…}}
 *   {"v":1,"type":"ping","id":9}                      {"v":1,"type":"pong","id":9}
 *   anything malformed                                {"v":1,"type":"error","id"?:…,"error":"one line"}
 *   (nothing within the handshake timeout; no room)   {"v":1,"type":"closing","reason":"one line"}, then the end
 *
 * A snapshot without an `id` (re)starts a subscription: the first one after `subscribe`, and a
 * fresh one for a subscriber that fell behind and caught up again (events in between are lost).
 * A large snapshot comes in parts: its first line says how many, and the trials continue in
 * `{"v":1,"type":"trials","trials":[…]}` lines, with nothing else in between (outgoing.ts).
 * A connection that sends no valid request within the handshake timeout, an idle unsubscribed one
 * closed to make room for a new client, and a client refused because the connection limit is
 * taken by subscribers and running commands are each sent a `closing` line saying why.
 */
import type { CommandResult } from '../commands.js';
import type { EngineEventName, EngineEvents, SweepSnapshot, TrialSnapshot } from '../events.js';

export const PROTOCOL_VERSION = 1;

/** A request line longer than this gets an error and is skipped up to its newline. */
export const MAX_REQUEST_BYTES = 1 << 20;

/** A client accepts long lines: a snapshot of a large sweep is several MiB on one line. */
export const MAX_REPLY_BYTES = 1 << 30;

export type RequestId = number | string;

/** What a client sends, as declared (and checked) in client-messages.ts. */
export type { ClientMessage } from './client-messages.js';

export type EventMessage = {
  [E in EngineEventName]: { v: number; type: 'event'; event: E; payload: EngineEvents[E] };
}[EngineEventName];

export type ServerMessage =
  /**
   * `parts` > 1: the trials continue in the next `parts - 1` lines, which are 'trials' messages;
   * `trialCount` is how many trials all parts hold (a client may draw the first part meanwhile).
   */
  | { v: number; type: 'snapshot'; id?: RequestId; snapshot: SweepSnapshot; parts?: number; trialCount?: number }
  | { v: number; type: 'trials'; trials: TrialSnapshot[] }
  | EventMessage
  | { v: number; type: 'result'; id: RequestId; result: CommandResult }
  | { v: number; type: 'pong'; id: RequestId }
  | { v: number; type: 'error'; id?: RequestId; error: string }
  | { v: number; type: 'closing'; reason: string };

/** A message as a caller builds it; the sender adds `v`. */
export type WithoutVersion<M> = M extends unknown ? Omit<M, 'v'> : never;

/** The one-line error both sides give for a version they do not speak. */
export function versionMismatch(theirs: unknown, ours = PROTOCOL_VERSION): string {
  return `protocol version ${typeof theirs === 'number' ? theirs : (JSON.stringify(theirs) ?? 'missing')} is not supported; this sweeptop speaks version ${ours}`;
}
