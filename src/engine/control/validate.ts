/**
 * Checks a client's line before the controller acts on it: the JSON, the protocol version, the
 * message type and, for commands, the exact shape the engine expects. Whatever arrives, the
 * answer is a typed message or a one-line error (with the request's id when it had a usable one);
 * nothing here throws. Commands are rebuilt from their known fields only, so the engine never
 * sees a stray property.
 */
import type { EngineCommand } from '../commands.js';
import type { ParamValue, Params } from '../../plugin-api/space.js';
import { PROTOCOL_VERSION, versionMismatch, type ClientMessage, type RequestId } from './protocol.js';
import { decodeLine } from './wire-json.js';

export type Parsed = { ok: true; message: ClientMessage } | { ok: false; error: string; id?: RequestId };

const MAX_BY_LENGTH = 64;
const MAX_ID_LENGTH = 64;
const COMMAND_TYPES = ['pause', 'resume', 'kill', 'promote', 'setParallel', 'setTrials', 'addTrial', 'stop'];
const MESSAGE_TYPES = ['subscribe', 'command', 'snapshot', 'ping'];

type Json = Record<string, unknown>;
const fail = (error: string, id?: RequestId): Parsed => ({ ok: false, error, ...(id !== undefined && { id }) });

export function parseClientMessage(text: string): Parsed {
  let value: unknown;
  try {
    value = decodeLine(text);
  } catch (error) {
    // JSON.parse is iterative; the walk that restores NaN is not
    return fail(error instanceof RangeError ? 'nested too deeply' : `not JSON: ${clip((error as Error).message)}`);
  }
  if (!isObject(value)) return fail(`expected a JSON object, got ${describe(value)}`);
  const id = requestId(value.id);
  if (value.v !== PROTOCOL_VERSION) return fail(versionMismatch(value.v), id);
  if (typeof value.type !== 'string' || !MESSAGE_TYPES.includes(value.type)) {
    return fail(`unknown message type ${clip(JSON.stringify(value.type) ?? 'missing')}; expected one of ${MESSAGE_TYPES.join(', ')}`, id);
  }
  const v = PROTOCOL_VERSION;
  if (value.type === 'subscribe') {
    if (value.output !== undefined && typeof value.output !== 'boolean') return fail('subscribe: output must be true or false');
    return { ok: true, message: { v, type: 'subscribe', output: value.output === true } };
  }
  if (id === undefined) return fail(`${value.type}: id must be a number or a string of at most ${MAX_ID_LENGTH} characters`);
  if (value.type === 'snapshot' || value.type === 'ping') return { ok: true, message: { v, type: value.type, id } };
  const by = value.by ?? 'socket';
  if (typeof by !== 'string' || by.length === 0 || by.length > MAX_BY_LENGTH || /[\x00-\x1f]/.test(by)) {
    return fail(`command: by must be a name of 1 to ${MAX_BY_LENGTH} printable characters`, id);
  }
  const command = parseCommand(value.command);
  if (typeof command === 'string') return fail(`command: ${command}`, id);
  return { ok: true, message: { v, type: 'command', id, command, by } };
}

/** The command, or why it is not one. */
export function parseCommand(value: unknown): EngineCommand | string {
  if (!isObject(value)) return `expected an object, got ${describe(value)}`;
  const { type } = value;
  if (typeof type !== 'string' || !COMMAND_TYPES.includes(type)) {
    return `unknown command ${clip(JSON.stringify(type) ?? 'missing')}; expected one of ${COMMAND_TYPES.join(', ')}`;
  }
  switch (type) {
    case 'pause':
    case 'resume':
    case 'kill':
    case 'promote':
      if (!Number.isSafeInteger(value.trialId) || (value.trialId as number) < 0) return `${type}: trialId must be an integer ≥ 0, got ${describe(value.trialId)}`;
      return { type, trialId: value.trialId as number };
    case 'setParallel':
    case 'setTrials':
      // the engine names the range it accepts; here only the type is checked
      if (typeof value.value !== 'number') return `${type}: value must be a number, got ${describe(value.value)}`;
      return { type, value: value.value };
    case 'addTrial': {
      const params = parseParams(value.params);
      return typeof params === 'string' ? `addTrial: ${params}` : { type, params };
    }
    default:
      if (value.force !== undefined && typeof value.force !== 'boolean') return `stop: force must be true or false, got ${describe(value.force)}`;
      return value.force === undefined ? { type: 'stop' } : { type: 'stop', force: value.force };
  }
}

function parseParams(value: unknown): Params | string {
  if (!isObject(value)) return `params must be an object of parameter values, got ${describe(value)}`;
  const params: Params = {};
  for (const [name, item] of Object.entries(value)) {
    if (!isParamValue(item)) return `params.${clip(name)} must be a number, string, boolean or null, got ${describe(item)}`;
    // defineProperty: a parameter called "__proto__" stays a plain key
    Object.defineProperty(params, name, { value: item, enumerable: true, writable: true, configurable: true });
  }
  return params;
}

function isParamValue(value: unknown): value is ParamValue {
  return value === null || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean';
}

function requestId(value: unknown): RequestId | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.length <= MAX_ID_LENGTH) return value;
  return undefined;
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value === null || typeof value !== 'object') return clip(typeof value === 'string' ? JSON.stringify(value) : String(value));
  return 'an object';
}

/** Keeps error lines short: a client's 1 MiB of garbage is never echoed back. */
function clip(text: string, max = 60): string {
  const line = text.replace(/[\x00-\x1f\x7f]/g, ' ');
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
